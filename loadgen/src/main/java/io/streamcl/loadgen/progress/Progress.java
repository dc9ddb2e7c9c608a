package io.streamcl.loadgen.progress;

import java.time.Duration;
import java.util.Optional;

/**
 * A snapshot of a running transfer.
 *
 * @param examples examples handed over so far
 * @param bytes their encoded size
 * @param expected examples the run will hand over in total, or -1 when unknown
 * @param elapsed time since the first example
 * @param timeLimit when the run stops regardless of count, or null
 */
public record Progress(long examples, long bytes, long expected, Duration elapsed, Duration timeLimit) {

    /** Mean examples per second since the start. */
    public double rate() {
        return examples * 1e9 / Math.max(elapsed.toNanos(), 1);
    }

    /** Fraction done, when the expected total is known. */
    public Optional<Double> fraction() {
        return expected > 0 ? Optional.of(Math.min(1.0, (double) examples / expected)) : Optional.empty();
    }

    /** Estimated time left: from the count at the mean rate, or from the time limit, whichever ends first. */
    public Optional<Duration> eta() {
        Duration byCount = null;
        if (expected >= 0 && examples > 0 && rate() > 0) {
            byCount = Duration.ofNanos((long) (Math.max(0, expected - examples) / rate() * 1e9));
        }
        Duration byTime = timeLimit == null ? null : maxZero(timeLimit.minus(elapsed));
        if (byCount == null) {
            return Optional.ofNullable(byTime);
        }
        return Optional.of(byTime == null || byCount.compareTo(byTime) < 0 ? byCount : byTime);
    }

    private static Duration maxZero(Duration d) {
        return d.isNegative() ? Duration.ZERO : d;
    }
}
