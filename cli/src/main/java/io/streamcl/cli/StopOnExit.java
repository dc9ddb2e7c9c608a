package io.streamcl.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A shutdown hook for the length of a long command: on Ctrl-C it runs a stop action (e.g. stop sending or reading)
 * and then holds the JVM until the command's work has wound down (its {@link #close}) or {@code grace} has passed, so
 * records in flight are acknowledged and output is flushed. Use it in try-with-resources around the work.
 */
public final class StopOnExit implements AutoCloseable {
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;

    private StopOnExit(Runnable stop, Duration grace, String name) {
        hook = new Thread(() -> {
            stop.run();
            try {
                finished.await(grace.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, name);
    }

    /** Installs the hook; {@code stop} runs on JVM shutdown, which then waits up to {@code grace} for {@link #close}. */
    public static StopOnExit install(String name, Duration grace, Runnable stop) {
        StopOnExit stopOnExit = new StopOnExit(stop, grace, name);
        Runtime.getRuntime().addShutdownHook(stopOnExit.hook);
        return stopOnExit;
    }

    /** The work is done: a running hook may let the JVM end, and an idle one is removed. */
    @Override
    public void close() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down (Ctrl-C): the hook is running and has just been released.
        }
    }
}
