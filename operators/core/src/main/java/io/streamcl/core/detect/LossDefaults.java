package io.streamcl.core.detect;

/**
 * The calibrated detector for task boundaries on the log training loss (see {@link BoundaryDetectorConfig} for the
 * reasoning and docs/detector-calibration.md for the numbers): the most sensitive setting with at most 0.1 false
 * boundaries per 10,000 updates on the drift-free replays.
 */
public final class LossDefaults {
    private LossDefaults() {}

    /** {@code adwin(delta=0.05,clock=1,max_buckets=5,min_window=5,grace_period=10,watch=both)}. */
    public static AdwinConfig boundary() {
        return new AdwinConfig(0.05, 1, AdwinConfig.DEFAULT_MAX_BUCKETS, AdwinConfig.DEFAULT_MIN_WINDOW,
                AdwinConfig.DEFAULT_GRACE_PERIOD, Watch.BOTH);
    }
}
