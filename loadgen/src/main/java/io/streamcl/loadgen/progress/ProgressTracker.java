package io.streamcl.loadgen.progress;

import java.time.Duration;
import java.util.Objects;

/** Counts examples and bytes of a run and calls its listener once per interval; one tracker per run, one thread. */
public final class ProgressTracker {

    private final ProgressListener listener;
    private final long intervalNanos;
    private final long expected;
    private final Duration timeLimit;
    private final long startNanos;
    private long nextReportNanos;
    private long examples;
    private long bytes;

    /**
     * Starts the clock.
     *
     * @param expected examples the run will hand over, or -1 when unknown
     * @param timeLimit when the run stops regardless of count, or null
     */
    public ProgressTracker(ProgressListener listener, Duration interval, long expected, Duration timeLimit) {
        this.listener = Objects.requireNonNull(listener, "listener");
        this.intervalNanos = interval.toNanos();
        this.expected = expected;
        this.timeLimit = timeLimit;
        this.startNanos = System.nanoTime();
        this.nextReportNanos = startNanos + intervalNanos;
    }

    /** Counts one example of {@code size} bytes, reporting when an interval has passed. */
    public void add(int size) {
        examples++;
        bytes += size;
        long now = System.nanoTime();
        if (now >= nextReportNanos) {
            nextReportNanos = now + intervalNanos;
            listener.onProgress(snapshot(now));
        }
    }

    /** Examples counted so far. */
    public long examples() {
        return examples;
    }

    /** Time since the start. */
    public Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    /** Ends the run: a last progress line, then the report to the listener, which is also returned. */
    public ThroughputReport finish(boolean stopped) {
        long now = System.nanoTime();
        listener.onProgress(snapshot(now));
        ThroughputReport report = new ThroughputReport(examples, bytes, Duration.ofNanos(now - startNanos), stopped);
        listener.onDone(report);
        return report;
    }

    private Progress snapshot(long now) {
        return new Progress(examples, bytes, expected, Duration.ofNanos(now - startNanos), timeLimit);
    }
}
