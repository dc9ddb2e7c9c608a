package io.streamcl.deploy.process;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * Entry point of a launcher's child JVM: runs the main class given as first argument and, when asked, exits when the
 * JVM that started it dies.
 *
 * <p>{@link ChildJvm} copies this class alone next to the child's jars (a Kafka broker's, a Flink cluster's), so it
 * may use only the JDK and must not have nested or anonymous classes (lambdas are fine: they need no class file).
 */
public final class ChildMain {

    /** System property: when {@code true}, the process shuts down once its standard input reaches end of file. */
    static final String EXIT_WITH_PARENT = "streamcl.exitWithParent";

    /** How long the child's clean shutdown may take after the parent died before the JVM is halted. */
    private static final long HALT_AFTER_SECONDS = 30;

    private ChildMain() {
    }

    /**
     * Runs the child's real main class.
     *
     * @param args the main class (e.g. {@code kafka.Kafka}), then its arguments
     * @throws Throwable whatever the main class throws
     */
    public static void main(String[] args) throws Throwable {
        if (args.length == 0) {
            throw new IllegalArgumentException("usage: ChildMain <main class> [arguments...]");
        }
        if (Boolean.getBoolean(EXIT_WITH_PARENT)) {
            watchParent(System.in);
        }
        try {
            // Reflection keeps this class free of compile-time types of what it runs (it is copied alone).
            Class.forName(args[0]).getMethod("main", String[].class)
                    .invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    // The parent holds the only write end of our stdin pipe; the OS closes it when the parent dies in any way (even
    // SIGKILL or a JVM crash, where shutdown hooks do not run), so end of file means "parent gone".
    private static void watchParent(InputStream parentPipe) {
        Thread watchdog = new Thread(() -> {
            drain(parentPipe);
            Thread halter = new Thread(() -> {
                sleepSeconds(HALT_AFTER_SECONDS);
                Runtime.getRuntime().halt(2);
            }, "streamcl-parent-watchdog-halt");
            halter.setDaemon(true);
            halter.start();
            System.err.println("[streamcl] the JVM that started this process is gone: shutting down");
            System.exit(0); // runs the child's own shutdown hooks (Kafka's, Flink's), so it stops cleanly
        }, "streamcl-parent-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    private static void drain(InputStream in) {
        byte[] buffer = new byte[256];
        try {
            while (in.read(buffer) != -1) {
                // the parent never writes; any bytes are ignored
            }
        } catch (IOException e) {
            // a broken pipe also means the parent is gone
        }
    }

    private static void sleepSeconds(long seconds) {
        try {
            TimeUnit.SECONDS.sleep(seconds);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
