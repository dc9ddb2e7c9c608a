package io.streamcl.deploy.process;

/** A JVM shutdown hook that stops a launcher's children, withdrawn once the launcher stopped or handed them off. */
public final class ShutdownHook {

    private final Thread thread;

    private ShutdownHook(Thread thread) {
        this.thread = thread;
    }

    /** Registers {@code action} to run when this JVM exits normally or on SIGTERM. */
    public static ShutdownHook register(String name, Runnable action) {
        Thread thread = new Thread(action, name);
        Runtime.getRuntime().addShutdownHook(thread);
        return new ShutdownHook(thread);
    }

    /** Withdraws the hook; a no-op once the JVM is shutting down. */
    public void remove() {
        try {
            Runtime.getRuntime().removeShutdownHook(thread);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook is running or has run
        }
    }
}
