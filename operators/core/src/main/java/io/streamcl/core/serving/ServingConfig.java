package io.streamcl.core.serving;

/**
 * Immutable prediction policy of a learner key: the mode, and for {@link ServingMode#AUTO} the hysteresis of
 * {@link WeightsSelector}: how many recent evaluations it compares and by how much the challenger must lead.
 *
 * @param window evaluations whose paired accuracy differences are averaged before a switch (at least 1)
 * @param margin how far (accuracy, 0..1) the challenger's mean must lead the incumbent's to take over
 * @param boundaryEma whether the EMA weights take over at each task boundary without waiting for evidence
 */
public record ServingConfig(ServingMode mode, int window, double margin, boolean boundaryEma) {
    /** Three evaluations: one noisy evaluation never switches (see {@link WeightsSelector}). */
    public static final int DEFAULT_WINDOW = 3;
    /** Two points: about two standard errors of a paired difference on 1000+ pooled held-out rows. */
    public static final double DEFAULT_MARGIN = 0.02;

    public ServingConfig {
        if (mode == null) {
            throw new IllegalArgumentException("serve.weights must be one of raw, ema, auto");
        }
        if (window < 1) {
            throw new IllegalArgumentException("serve.window must be at least 1, got " + window);
        }
        if (!(margin >= 0 && margin < 1)) {
            throw new IllegalArgumentException("serve.margin must be in [0, 1), got " + margin);
        }
    }

    /** {@code mode} with the default hysteresis. */
    public static ServingConfig of(ServingMode mode) {
        return new ServingConfig(mode, DEFAULT_WINDOW, DEFAULT_MARGIN, false);
    }
}
