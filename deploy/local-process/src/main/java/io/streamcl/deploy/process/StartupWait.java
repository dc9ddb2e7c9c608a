package io.streamcl.deploy.process;

import java.time.Duration;
import java.util.Map;

/** Polls freshly launched child JVMs until they answer, failing at once when one of them exits first. */
public final class StartupWait {

    /**
     * What a launcher asks while it waits, and how it explains a failure.
     *
     * @param <T> what a probe finds out, e.g. whether a port answers or how many workers registered
     */
    public interface Probe<T> {

        /** Asks the children once; must return within a short timeout of its own. */
        T probe();

        /** {@code true} once the children are ready. */
        boolean isReady(T found);

        /** The error for a child that exited during start-up. */
        RuntimeException exitedEarly(String process, int exitCode);

        /** The error when the deadline passed; {@code lastFound} is what the last probe found. */
        RuntimeException timedOut(T lastFound);
    }

    private StartupWait() {
    }

    /**
     * Probes until the children are ready.
     *
     * @param processes     the children by name, checked for an early exit in this order
     * @param deadlineNanos the {@link System#nanoTime()} after which it gives up
     * @param pollInterval  the pause between probes
     * @param what          what starts, for the interruption error, e.g. {@code the Kafka broker}
     */
    public static <T> void await(Map<String, Process> processes, long deadlineNanos, Duration pollInterval,
            String what, Probe<T> probe) {
        while (true) {
            for (Map.Entry<String, Process> child : processes.entrySet()) {
                if (!child.getValue().isAlive()) {
                    throw probe.exitedEarly(child.getKey(), child.getValue().exitValue());
                }
            }
            T found = probe.probe();
            if (probe.isReady(found)) {
                return;
            }
            if (System.nanoTime() > deadlineNanos) {
                throw probe.timedOut(found);
            }
            pause(pollInterval, what);
        }
    }

    private static void pause(Duration interval, String what) {
        try {
            Thread.sleep(interval.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for " + what + " to start", e);
        }
    }
}
