package io.streamcl.deploy.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Loopback port helpers: the broker listens on 127.0.0.1 only. */
final class Ports {

    static final String HOST = "127.0.0.1";

    private Ports() {
    }

    /** Two distinct free ports; both are held open while choosing so they cannot coincide. */
    static int[] twoFree() {
        try (ServerSocket a = open(0); ServerSocket b = open(0)) {
            return new int[] {a.getLocalPort(), b.getLocalPort()};
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot find free ports on " + HOST, e);
        }
    }

    /** A free port other than {@code taken}. */
    static int freeExcept(int taken) {
        int[] ports = twoFree();
        return ports[0] != taken ? ports[0] : ports[1];
    }

    static boolean isFree(int port) {
        try (ServerSocket ignored = open(port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static ServerSocket open(int port) throws IOException {
        return new ServerSocket(port, 1, InetAddress.getByName(HOST));
    }
}
