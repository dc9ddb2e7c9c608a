package io.streamcl.loadgen.kafka;

import java.util.concurrent.locks.LockSupport;

/** Spaces examples evenly at a target rate; after a stall it forgives the backlog instead of bursting to catch up. */
final class Pacer {

    private static final long MAX_BACKLOG_NANOS = 1_000_000_000L;

    private final double nanosPerExample;
    private long startNanos;
    private long index;

    /** A pacer for {@code examplesPerSecond}; 0 or infinity means no pacing. */
    Pacer(double examplesPerSecond) {
        this.nanosPerExample = examplesPerSecond > 0 && Double.isFinite(examplesPerSecond) ? 1e9 / examplesPerSecond : 0;
        this.startNanos = System.nanoTime();
    }

    /** Blocks until the next example is due. */
    void awaitNext() throws InterruptedException {
        if (nanosPerExample == 0) {
            return;
        }
        long due = startNanos + (long) (index++ * nanosPerExample);
        long now = System.nanoTime();
        if (now - due > MAX_BACKLOG_NANOS) {
            startNanos += now - due;
            return;
        }
        while (due > now) {
            LockSupport.parkNanos(due - now);
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted while pacing");
            }
            now = System.nanoTime();
        }
    }
}
