package io.streamcl.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Tests {@link StabilityGap} against hand-worked dips with uneven evaluation spacing. */
class StabilityGapTest {

    /*
     * Boundary at step 100, last evaluation before it 0.80; absolute epsilon 0.05.
     *
     * step  acc   note                                  shortfall x steps since previous
     *  100  0.82  same model as the boundary: pre=0.82   -      (threshold 0.82-0.05 = 0.77)
     *  101  0.78  within the band                       0.04 x 1  = 0.04
     *  103  0.50  below the band                        0.32 x 2  = 0.64
     *  107  0.45  the minimum                           0.37 x 4  = 1.48
     *  110  0.70                                        0.12 x 3  = 0.36
     *  120  0.80  back above 0.77: recovered, closes    0.02 x 10 = 0.20
     *  130  0.20  ignored, the gap is closed
     *
     * depth = 0.82 - 0.45 = 0.37, steps to minimum = 107-100 = 7, steps to recover = 120-100 = 20,
     * area = 0.04 + 0.64 + 1.48 + 0.36 + 0.20 = 2.72.
     */
    private static final long[] STEPS = {100, 101, 103, 107, 110, 120, 130};
    private static final double[] ACCURACIES = {0.82, 0.78, 0.50, 0.45, 0.70, 0.80, 0.20};

    @Test
    void measuresDepthMinimumRecoveryAndArea() {
        StabilityGap gap = replay(RecoveryTolerance.absolute(0.05));
        GapReport report = gap.report(3);
        assertThat(report.taskId()).isEqualTo(3);
        assertThat(report.boundaryStep()).isEqualTo(100);
        assertThat(report.preBoundaryAccuracy()).isEqualTo(0.82);
        assertThat(report.depth()).isCloseTo(0.37, within(1e-12));
        assertThat(report.stepsToMinimum()).isEqualTo(7);
        assertThat(report.stepsToRecover()).isEqualTo(20);
        assertThat(report.area()).isCloseTo(2.72, within(1e-12));
        assertThat(report.open()).isFalse();
        assertThat(report.lastUpdateStep()).isEqualTo(120);
    }

    /*
     * Relative epsilon 0.02: threshold = 0.82 x 0.98 = 0.8036, so 0.80 at step 120 is not a recovery; the gap
     * stays open and takes step 130 too: minimum 0.20 at 130, area 2.72 + 0.62 x 10 = 8.92.
     */
    @Test
    void relativeToleranceCanLeaveTheGapUnrecovered() {
        GapReport report = replay(RecoveryTolerance.relative(0.02)).report(3);
        assertThat(report.stepsToRecover()).isNull();
        assertThat(report.open()).isTrue();
        assertThat(report.depth()).isCloseTo(0.62, within(1e-12));
        assertThat(report.stepsToMinimum()).isEqualTo(30);
        assertThat(report.area()).isCloseTo(8.92, within(1e-12));
    }

    /* pre 0.90, epsilon 0.05, then 0.89 and 0.95: never below 0.85, so recovery took 0 steps; depth 0.01. */
    @Test
    void aTaskThatNeverLeftTheBandNeededNoRecoveryAndClosesAtTheNextBoundary() {
        StabilityGap gap = new StabilityGap(0, 0.90, 1000);
        assertThat(gap.report(1).depth()).isNull();
        assertThat(gap.report(1).stepsToRecover()).isNull();
        gap.observe(1, 0.89, 1000, RecoveryTolerance.absolute(0.05));
        gap.observe(2, 0.95, 1000, RecoveryTolerance.absolute(0.05));
        assertThat(gap.report(1).stepsToRecover()).isZero();
        assertThat(gap.report(1).depth()).isCloseTo(0.01, within(1e-12));
        assertThat(gap.report(1).stepsToMinimum()).isEqualTo(1);
        assertThat(gap.isOpen()).isTrue();
        gap.close(5);
        assertThat(gap.report(1).open()).isFalse();
        assertThat(gap.report(1).lastUpdateStep()).isEqualTo(5);
        assertThat(gap.report(1).stepsToRecover()).isZero();
    }

    private static StabilityGap replay(RecoveryTolerance tolerance) {
        StabilityGap gap = new StabilityGap(100, 0.80, 1000);
        for (int i = 0; i < STEPS.length; i++) {
            gap.observe(STEPS[i], ACCURACIES[i], 1000, tolerance);
        }
        return gap;
    }
}
