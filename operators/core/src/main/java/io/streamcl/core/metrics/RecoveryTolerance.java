package io.streamcl.core.metrics;

/**
 * How close to its pre-boundary accuracy an old task must come back for its stability gap to count as recovered:
 * within {@code epsilon} accuracy points (absolute) or within the fraction {@code epsilon} of it (relative), widened
 * to {@code noiseZ} binomial standard errors of the evaluation when that is wider.
 *
 * <p>Why the noise term: subsampled evaluation is noisy (2.9 points of standard error at 300 samples and 50 %
 * accuracy, {@code docs/metrics.md}), so a fixed epsilon below that error makes a gap that came back to within
 * noise read "not recovered", and recovery flicker on noise. With pre-boundary accuracy p measured on n samples,
 * the band is {@code max(epsilon, noiseZ * sqrt(p (1 - p) / n))} below p (absolute form), n being the smaller sample
 * count of the pre-boundary evaluation and the one tested, so the noisier estimate sets the band. At p = 0 or 1 the
 * standard error is 0 and epsilon alone applies; an unknown sample count (0, e.g. state written before counts were
 * kept) also leaves epsilon alone.
 */
public record RecoveryTolerance(double epsilon, boolean relative, double noiseZ) {
    /**
     * Standard errors of the default band: two, so a task truly back at its old accuracy reads recovered in about
     * 98 % of evaluations (one-sided normal bound, taking the pre-boundary score as exact).
     */
    public static final double DEFAULT_NOISE_Z = 2.0;
    /** The default: back within one accuracy point or two standard errors, whichever is wider. */
    public static final RecoveryTolerance DEFAULT = new RecoveryTolerance(0.01, false, DEFAULT_NOISE_Z);

    public RecoveryTolerance {
        if (!(epsilon >= 0 && epsilon < 1)) {
            throw new IllegalArgumentException("recovery epsilon must be in [0, 1), got " + epsilon);
        }
        if (!(noiseZ >= 0 && noiseZ <= 10)) {
            throw new IllegalArgumentException("eval.recovery-z must be in [0, 10], got " + noiseZ);
        }
    }

    /** Recovered once accuracy is at least {@code pre - epsilon}, whatever the sample count. */
    public static RecoveryTolerance absolute(double epsilon) {
        return new RecoveryTolerance(epsilon, false, 0);
    }

    /** Recovered once accuracy is at least {@code pre * (1 - epsilon)}, whatever the sample count. */
    public static RecoveryTolerance relative(double epsilon) {
        return new RecoveryTolerance(epsilon, true, 0);
    }

    /** This tolerance, widened to {@code z} standard errors of the evaluations when that is wider. */
    public RecoveryTolerance withNoiseZ(double z) {
        return new RecoveryTolerance(epsilon, relative, z);
    }

    /**
     * The lowest accuracy that counts as recovered for a task that had {@code preBoundaryAccuracy}, when the less
     * sampled of the two evaluations compared used {@code samples} examples (0: unknown).
     */
    public double threshold(double preBoundaryAccuracy, int samples) {
        double fixed = relative ? preBoundaryAccuracy * (1 - epsilon) : preBoundaryAccuracy - epsilon;
        if (samples <= 0 || noiseZ == 0) {
            return fixed;
        }
        double error = Math.sqrt(preBoundaryAccuracy * (1 - preBoundaryAccuracy) / samples);
        return Math.min(fixed, preBoundaryAccuracy - noiseZ * error);
    }
}
