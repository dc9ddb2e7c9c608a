package io.streamcl.core.detect;

import io.streamcl.core.spec.SpecArguments;
import java.util.Locale;

/**
 * Parameters of {@link BoundaryDetector}: a change detector run on the training loss (on its logarithm when
 * {@code log} is set), whose upward changes are boundaries, at most one per {@code min_segment} updates.
 *
 * <p>Why ADWIN on the log loss (numbers in docs/detector-calibration.md). A task switch multiplies the loss (a
 * converged 0.1 back to an untrained 2.3 is x23; a mild domain shift x1.5 to x3) and mini-batch noise is roughly
 * multiplicative too, so on the log scale jump and noise have one size whatever the loss's units. ADWIN's cut bound
 * has a variance term that adapts to that noise and a range term sized for values spread over about 1, which on
 * the log scale means a change by a factor of about e: no per-stream threshold is needed. It is two-sided, so a
 * falling learning curve makes it drop its stale past (downward cuts, not reported) rather than leaving a reference
 * behind; and a single hard batch barely moves a window mean. In the replay it raised no false boundary in two
 * million updates with 1 % of hard batches, and found loss jumps of x1.5, x2, x4 and x10 after a median 36, 16, 7
 * and 5 updates. Page-Hinkley with its reference defaults misses x2 jumps (its running mean still holds the
 * learning curve), and CUSUM, whose frozen reference re-warms after every downward alarm, misses switches that fall
 * into a warm-up. {@code min_segment} keeps one switch from being reported twice while the new task's loss falls.
 *
 * @param detector the change detector on the (log) loss; must watch {@code up} or {@code both}
 * @param log whether the detector sees {@code ln(loss)} (then non-positive losses are skipped) or the loss itself
 * @param minSegment least number of updates between two boundaries, and before the first, at least 1
 */
public record BoundaryDetectorConfig(DetectorConfig detector, boolean log, int minSegment) {
    static final String NAME = "boundary";
    public static final boolean DEFAULT_LOG = true;
    public static final int DEFAULT_MIN_SEGMENT = 100;

    public BoundaryDetectorConfig {
        if (detector == null || !detector.watch().includes(Direction.UP)) {
            throw new IllegalArgumentException("boundary.detector must watch up or both, got "
                    + (detector == null ? "null" : detector.canonical()));
        }
        SpecArguments.require(minSegment >= 1, NAME, "min_segment", minSegment, ">= 1");
    }

    /** The default: {@link LossDefaults#boundary()} on the log loss, segments of at least 100 updates. */
    public static BoundaryDetectorConfig defaults() {
        return new BoundaryDetectorConfig(LossDefaults.boundary(), DEFAULT_LOG, DEFAULT_MIN_SEGMENT);
    }

    /** Every parameter, the detector's included, in a fixed order. */
    public String canonical() {
        return String.format(Locale.ROOT, "%s(detector=%s,log=%s,min_segment=%d)", NAME, detector.canonical(), log,
                minSegment);
    }

    @Override
    public String toString() {
        return canonical();
    }
}
