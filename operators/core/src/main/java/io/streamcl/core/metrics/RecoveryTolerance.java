package io.streamcl.core.metrics;

/**
 * How close to its pre-boundary accuracy an old task must come back for its stability gap to count as recovered:
 * within {@code epsilon} accuracy points (absolute) or within the fraction {@code epsilon} of it (relative).
 *
 * <p>Subsampled evaluation is noisy (about 1.6 points of standard error at 1000 samples and 50 % accuracy,
 * {@code docs/metrics.md}), so an epsilon well below twice that error makes recovery flicker on noise.
 */
public record RecoveryTolerance(double epsilon, boolean relative) {
    /** The default: back within one accuracy point. */
    public static final RecoveryTolerance DEFAULT = absolute(0.01);

    public RecoveryTolerance {
        if (!(epsilon >= 0 && epsilon < 1)) {
            throw new IllegalArgumentException("recovery epsilon must be in [0, 1), got " + epsilon);
        }
    }

    /** Recovered once accuracy is at least {@code pre - epsilon}. */
    public static RecoveryTolerance absolute(double epsilon) {
        return new RecoveryTolerance(epsilon, false);
    }

    /** Recovered once accuracy is at least {@code pre * (1 - epsilon)}. */
    public static RecoveryTolerance relative(double epsilon) {
        return new RecoveryTolerance(epsilon, true);
    }

    /** The lowest accuracy that counts as recovered for a task that had {@code preBoundaryAccuracy}. */
    public double threshold(double preBoundaryAccuracy) {
        return relative ? preBoundaryAccuracy * (1 - epsilon) : preBoundaryAccuracy - epsilon;
    }
}
