package io.streamcl.deploy.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Loopback port helpers: every child of the local launchers listens on 127.0.0.1 only. */
public final class Ports {

    /** The address every child listens on. */
    public static final String HOST = "127.0.0.1";

    private Ports() {
    }

    /** A port that was free a moment ago. */
    public static int free() {
        try (ServerSocket socket = open(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot find a free port on " + HOST, e);
        }
    }

    /** A free port other than {@code taken}; two are held open while choosing so they cannot coincide. */
    public static int freeExcept(int taken) {
        try (ServerSocket a = open(0); ServerSocket b = open(0)) {
            return a.getLocalPort() != taken ? a.getLocalPort() : b.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot find a free port on " + HOST, e);
        }
    }

    /** {@code true} if nothing listens on {@code port} yet. */
    public static boolean isFree(int port) {
        try (ServerSocket ignored = open(port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** {@code true} if something accepts connections on {@code port} within 200 ms. */
    public static boolean accepts(int port) {
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
