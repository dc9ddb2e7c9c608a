package io.streamcl.deploy.kafka;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.util.concurrent.TimeUnit;

/**
 * Entry point of the broker's child JVM: runs {@code kafka.Kafka} and, when asked, exits when the parent JVM dies.
 *
 * <p>This class is copied alone next to the broker jars, so it may use only the JDK and must not have nested or
 * anonymous classes (lambdas are fine: they need no class file).
 */
public final class ChildBrokerMain {

    /** System property: when {@code true}, the broker shuts down once its standard input reaches end of file. */
    static final String EXIT_WITH_PARENT = "streamcl.kafka.exitWithParent";

    /** How long a clean shutdown may take after the parent died before the JVM is halted. */
    private static final long HALT_AFTER_SECONDS = 30;

    private ChildBrokerMain() {
    }

    /**
     * Starts the broker.
     *
     * @param args the arguments of {@code kafka.Kafka}: the path of {@code server.properties}
     * @throws Throwable whatever {@code kafka.Kafka} throws
     */
    public static void main(String[] args) throws Throwable {
        if (Boolean.getBoolean(EXIT_WITH_PARENT)) {
            watchParent(System.in);
        }
        try {
            // Reflection keeps this class free of compile-time Kafka types (it is compiled against kafka-clients only).
            Class.forName("kafka.Kafka").getMethod("main", String[].class).invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    // The parent holds the only write end of our stdin pipe; the OS closes it when the parent dies in any way
    // (even SIGKILL or a JVM crash, where shutdown hooks do not run), so end of file means "parent gone".
    private static void watchParent(InputStream parentPipe) {
        Thread watchdog = new Thread(() -> {
            drain(parentPipe);
            Thread halter = new Thread(() -> {
                sleepSeconds(HALT_AFTER_SECONDS);
                Runtime.getRuntime().halt(2);
            }, "streamcl-parent-watchdog-halt");
            halter.setDaemon(true);
            halter.start();
            System.err.println("[streamcl] parent JVM is gone: shutting the Kafka broker down");
            System.exit(0); // runs Kafka's own shutdown hook, so the logs are closed cleanly
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
