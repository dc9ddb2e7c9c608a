package io.streamcl.deploy.flink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Loopback port helpers: every process of the local cluster listens on 127.0.0.1 only. */
final class Ports {

    static final String HOST = "127.0.0.1";

    private Ports() {
    }

    /** A port that was free a moment ago. */
    static int free() {
        try (ServerSocket socket = open(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot find a free port on " + HOST, e);
        }
    }

    /** A free port other than {@code taken}. */
    static int freeExcept(int taken) {
        try (ServerSocket a = open(0); ServerSocket b = open(0)) {
            return a.getLocalPort() != taken ? a.getLocalPort() : b.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot find a free port on " + HOST, e);
        }
    }

    static boolean isFree(int port) {
        try (ServerSocket ignored = open(port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static ServerSocket open(int port) throws IOException {
        return new ServerSocket(port, 1, InetAddress.getByName(HOST));
    }
}
