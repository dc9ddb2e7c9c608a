package io.streamcl.core.detect;

/**
 * The sampling noise of an accuracy measured on a finite held-out set: the binomial standard error
 * {@code sqrt(p (1 - p) / S)} of De Lange et al.'s subsampled continual evaluation ({@code docs/metrics.md}:
 * 2.9 points at p = 0.5 and S = 300, 7.1 points at S = 50). Alert thresholds scale with it so that one setting
 * holds its false-alarm rate from S = 50 to S = 1000.
 *
 * <p>Two decisions: {@code p} is clamped to [0.05, 0.95], so a task near 0 % or 100 % keeps a finite error
 * rather than making every wiggle significant; and an unknown sample count (0, from producers that predate the
 * field) counts as {@link #REFERENCE_SAMPLES}, the size the first calibration assumed.
 */
public final class EvaluationNoise {
    /** Sample count assumed when an evaluation does not say how many samples it scored. */
    public static final int REFERENCE_SAMPLES = 1000;
    private static final double P_MIN = 0.05;

    private EvaluationNoise() {}

    /** Standard error of an accuracy near {@code accuracy} measured on {@code samples} held-out samples. */
    public static double standardError(double accuracy, int samples) {
        double p = Math.min(1 - P_MIN, Math.max(P_MIN, accuracy));
        return Math.sqrt(p * (1 - p) / (samples > 0 ? samples : REFERENCE_SAMPLES));
    }
}
