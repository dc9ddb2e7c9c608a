package io.streamcl.loadgen.progress;

import java.time.Duration;
import java.util.Locale;

/**
 * What a producer or file writer achieved.
 *
 * @param examples examples written (for Kafka: acknowledged by the broker)
 * @param bytes encoded value bytes (Kafka record values or Avro datum bodies), before compression
 * @param elapsed wall time from the first example to the last acknowledgement
 * @param stopped true when the run was stopped early (a stop request or the duration limit) rather than running out
 *     of examples or reaching the count limit
 */
public record ThroughputReport(long examples, long bytes, Duration elapsed, boolean stopped) {

    /** Achieved examples per second. */
    public double examplesPerSecond() {
        return examples / seconds();
    }

    /** Achieved payload megabytes (10^6 bytes) per second. */
    public double megabytesPerSecond() {
        return bytes / 1e6 / seconds();
    }

    /** Mean encoded size of one example. */
    public double bytesPerExample() {
        return examples == 0 ? 0 : (double) bytes / examples;
    }

    private double seconds() {
        return Math.max(elapsed.toNanos(), 1) / 1e9;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%,d examples (%.1f MB, %.0f B each) in %.2f s: %,.0f examples/s, %.1f MB/s%s",
                examples, bytes / 1e6, bytesPerExample(), seconds(), examplesPerSecond(), megabytesPerSecond(),
                stopped ? " (stopped early)" : "");
    }
}
