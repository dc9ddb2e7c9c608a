package io.streamcl.core.detect;

/**
 * The calibrated settings of each detector for per-task accuracy from continual evaluation, chosen from the tables
 * in docs/detector-calibration.md: the forgetting default, {@link #dropCusum()}, at held-out sets of 50 to 1000
 * samples (its limits are in standard errors of each evaluation); the others at S = 1000, the size the first
 * calibration assumed (their limits are in accuracy units, so they are looser at smaller S). For each detector the
 * most sensitive setting whose false-alarm rate stays at or below {@link #TARGET_FALSE_ALARMS} per 10,000
 * evaluations on every drift-free family. All watch {@code down} (or both, for the two-sided tests).
 */
public final class AccuracyDefaults {
    /** The false-alarm budget per 10,000 evaluations the settings were chosen for. */
    public static final double TARGET_FALSE_ALARMS = 0.1;

    private AccuracyDefaults() {}

    /**
     * The detector forgetting alerts use by default: {@link #dropCusum()}, the only one whose limits follow the
     * evaluation noise, and the fastest within the budget on tasks of 30 to 100 evaluations.
     */
    public static DetectorConfig forgetting() {
        return dropCusum();
    }

    /** CUSUM of standardised drops below a following baseline; its table is docs/detector-calibration.md's first. */
    public static DropCusumConfig dropCusum() {
        return DropCusumConfig.defaults();
    }

    /** 4.5 points below the best of an EWMA(0.2): 0.07 false alarms; 96.5 % of 5-point dips, median delay 7. */
    public static DropFromBestConfig dropFromBest() {
        return DropFromBestConfig.defaults();
    }

    /** 3 points below a slow EWMA baseline: 0.02 false alarms; 99.8 % of 5-point dips, median delay 4. */
    public static EwmaDropConfig ewmaDrop() {
        return EwmaDropConfig.defaults();
    }

    /**
     * {@code lambda = 0.25} on accuracy fractions: 0.07 false alarms, but only 48 % of 5-point dips, since its
     * running mean still holds the task's learning curve.
     */
    public static PageHinkleyConfig pageHinkley() {
        return new PageHinkleyConfig(0.005, 0.25, PageHinkleyConfig.DEFAULT_ALPHA, 30, Watch.DOWN);
    }

    /**
     * {@code k = 2, h = 10}: 0.09 false alarms, all on the wobbling curve that fools its frozen warm-up mean; 48 %
     * of 5-point dips.
     */
    public static CusumConfig cusum() {
        return new CusumConfig(2, 10, 30, 0.005, Watch.BOTH);
    }

    /**
     * The reference defaults, unchanged: no setting in the table detects a dip that recovers within a few dozen
     * evaluations, because ADWIN's bound assumes values spread over [0, 1] while evaluation noise is 1 to 2 points.
     */
    public static AdwinConfig adwin() {
        return AdwinConfig.defaults();
    }
}
