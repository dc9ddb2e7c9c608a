package io.streamcl.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * Tests the sample minimum, the noise-aware recovery band, late FWT inputs and the restart of a recurring task's
 * minimum in {@link ContinualMetrics}, against hand-computed values.
 */
class ContinualMetricsSamplesTest {
    private static final Offset<Double> EXACT = within(1e-9);

    /*
     * Minimum 100 samples, recovery within 0.01 (no noise term). Task 2's set fills from empty:
     *   step  0: startTask(0, 1); t1 0.10 (1000)
     *   step 10: t1 0.80 (1000); startTask(10, 2); t2 0.50 (5)      t2's start-step score does not count: no R_{1,2}
     *   step 12: t1 0.20 (1000), t2 0.00 (10)                        WC-ACC null: t2 has no counted score yet
     *   step 14: t1 0.75 (1000), t2 0.90 (50)
     *   step 20: t1 0.78 (1000), t2 0.60 (200)
     *   step 30: t1 0.79 (1000), t2 0.70 (300); endTask(30)
     * t2 counted: 0.60, 0.70 -> WP10 0.10, WF10 0 (all five: WP 0.90, WF 0.30). t2 newest and counted accuracy 0.70.
     * t1 minimum after 10: 0.20. min-ACC 0.20, WC-ACC (0.70 + 0.20)/2 = 0.45, avg-ACC (0.79 + 0.70)/2 = 0.745.
     * FWT: null until R_{1,2} is given late (0.55 on the pre-task copy), then 0.55 - b_2 (0.10) = 0.45.
     */
    @Test
    void scoresOnTooFewSamplesEnterNoExtremeNoDifferenceAndNoTransfer() {
        ContinualMetrics metrics = ContinualMetrics.create(
                MetricsConfig.defaults().withRecovery(RecoveryTolerance.absolute(0.01)).withMinSamples(100));
        metrics.startTask(0, 1);
        metrics.recordEvaluation(0, 1, 0.10, Double.NaN, 1000);
        metrics.recordEvaluation(10, 1, 0.80, Double.NaN, 1000);
        metrics.startTask(10, 2);
        metrics.recordEvaluation(10, 2, 0.50, Double.NaN, 5);
        metrics.recordEvaluation(12, 1, 0.20, Double.NaN, 1000);
        metrics.recordEvaluation(12, 2, 0.00, Double.NaN, 10);
        assertThat(metrics.report().aggregate().worstCaseAccuracy()).isNull();
        assertThat(metrics.report().aggregate().minAccuracy()).isCloseTo(0.20, EXACT);
        metrics.recordEvaluation(14, 1, 0.75, Double.NaN, 1000);
        metrics.recordEvaluation(14, 2, 0.90, Double.NaN, 50);
        metrics.recordEvaluation(20, 1, 0.78, Double.NaN, 1000);
        metrics.recordEvaluation(20, 2, 0.60, Double.NaN, 200);
        metrics.recordEvaluation(30, 1, 0.79, Double.NaN, 1000);
        metrics.recordEvaluation(30, 2, 0.70, Double.NaN, 300);
        metrics.endTask(30);
        metrics.recordInitialAccuracy(2, 0.10);

        MetricsReport report = metrics.report();
        TaskReport second = report.tasks().get(1);
        assertThat(second.evaluations()).isEqualTo(5);
        assertThat(second.accuracy()).isEqualTo(0.70);
        assertThat(second.countedAccuracy()).isEqualTo(0.70);
        assertThat(second.windowedPlasticity10()).isCloseTo(0.10, EXACT);
        assertThat(second.windowedForgetting10()).isEqualTo(0.0);
        assertThat(report.aggregate().minAccuracy()).isCloseTo(0.20, EXACT);
        assertThat(report.aggregate().worstCaseAccuracy()).isCloseTo(0.45, EXACT);
        assertThat(report.aggregate().avgAccuracy()).isCloseTo(0.745, EXACT);
        assertThat(report.boundary().forwardTransfer()).as("R_{1,2} unknown").isNull();

        metrics.recordPreTrainingAccuracy(2, 0.55);
        assertThat(metrics.report().boundary().forwardTransfer()).isCloseTo(0.45, EXACT);
    }

    @Test
    void withOneSampleAsTheMinimumEveryScoreCountsAsBefore() {
        ContinualMetrics metrics = ContinualMetrics.create(MetricsConfig.defaults().withMinSamples(1));
        metrics.startTask(0, 1);
        metrics.recordEvaluation(0, 1, 0.10, Double.NaN, 1000);
        metrics.startTask(10, 2);
        metrics.recordEvaluation(10, 2, 0.50, Double.NaN, 5);
        metrics.recordEvaluation(12, 2, 0.00, Double.NaN, 10);
        metrics.recordEvaluation(14, 2, 0.90, Double.NaN, 50);
        metrics.recordInitialAccuracy(2, 0.10);
        metrics.endTask(14);
        assertThat(metrics.report().tasks().get(1).windowedPlasticity10()).isCloseTo(0.90, EXACT);
        assertThat(metrics.report().boundary().forwardTransfer()).isCloseTo(0.40, EXACT);
    }

    /*
     * Pre-boundary 0.70 on 300 samples; the default band is max(0.01, 2 sqrt(0.7 x 0.3 / n)) below it, with n the
     * smaller sample count of the two scores compared:
     *   n = 300: 2 x 0.0264575 = 0.0529150, threshold 0.6470850: 0.65 recovers, 0.64 does not;
     *   n = 100: 2 x 0.0458258 = 0.0916515, threshold 0.6083485: 0.62 on 100 samples recovers.
     * With the fixed band of 0.01 (threshold 0.69) none of them does.
     */
    @Test
    void theRecoveryBandWidensToTheBinomialNoiseOfTheScores() {
        assertThat(recoveredAfter(RecoveryTolerance.DEFAULT, 0.65, 300)).isEqualTo(20L);
        assertThat(recoveredAfter(RecoveryTolerance.DEFAULT, 0.64, 300)).isNull();
        assertThat(recoveredAfter(RecoveryTolerance.DEFAULT, 0.62, 100)).isEqualTo(20L);
        assertThat(recoveredAfter(RecoveryTolerance.DEFAULT, 0.62, 1000)).isNull();
        assertThat(recoveredAfter(RecoveryTolerance.absolute(0.01), 0.65, 300)).isNull();
        assertThat(RecoveryTolerance.DEFAULT.threshold(0.70, 300)).isCloseTo(0.6470850, within(1e-7));
        assertThat(RecoveryTolerance.DEFAULT.threshold(1.0, 300)).as("no noise at p = 1").isCloseTo(0.99, EXACT);
        assertThat(RecoveryTolerance.DEFAULT.threshold(0.70, 0)).as("count unknown").isCloseTo(0.69, EXACT);
        assertThat(RecoveryTolerance.relative(0.2).withNoiseZ(2).threshold(0.70, 300))
                .as("the wider band wins: 0.70 x 0.8").isCloseTo(0.56, EXACT);
    }

    private static Long recoveredAfter(RecoveryTolerance tolerance, double back, int samples) {
        ContinualMetrics metrics = ContinualMetrics.create(MetricsConfig.defaults().withRecovery(tolerance));
        metrics.startTask(0, 1);
        metrics.recordEvaluation(10, 1, 0.70, Double.NaN, 300);
        metrics.startTask(10, 2);
        metrics.recordEvaluation(20, 1, 0.20, Double.NaN, 300);
        metrics.recordEvaluation(30, 1, back, Double.NaN, samples);
        return metrics.report().stabilityGaps().get(0).stepsToRecover();
    }

    /*
     * Task 1 trains 0-10 and again 20-30, task 2 trains 10-20 and from 30 on.
     *   step 20: t1 0.30 (its minimum so far); startTask(20, 1): the minimum restarts (null while t1 trains)
     *   step 25: t1 0.95 (training: no minimum)
     *   step 30: startTask(30, 2); step 40: t1 0.85 -> minimum 0.85, not the 0.30 of its first period.
     * min-ACC at 40 (t2 current): 0.85.
     */
    @Test
    void aRecurringTaskRestartsItsMinimumWhenItTrainsAgain() {
        ContinualMetrics metrics = ContinualMetrics.create(MetricsConfig.defaults());
        metrics.startTask(0, 1);
        metrics.recordEvaluation(10, 1, 0.90, Double.NaN, 1000);
        metrics.startTask(10, 2);
        metrics.recordEvaluation(20, 1, 0.30, Double.NaN, 1000);
        assertThat(metrics.report().tasks().get(0).minAccuracy()).isEqualTo(0.30);
        metrics.startTask(20, 1);
        assertThat(metrics.report().tasks().get(0).minAccuracy()).isNull();
        metrics.recordEvaluation(25, 1, 0.95, Double.NaN, 1000);
        assertThat(metrics.report().tasks().get(0).minAccuracy()).isNull();
        metrics.startTask(30, 2);
        metrics.recordEvaluation(40, 1, 0.85, Double.NaN, 1000);
        assertThat(metrics.report().tasks().get(0).minAccuracy()).isEqualTo(0.85);
        assertThat(metrics.report().aggregate().minAccuracy()).isEqualTo(0.85);
        assertThat(metrics.report().tasks().get(0).windowedForgetting10())
                .as("the first period's dip stays in WF").isCloseTo(0.60, EXACT);
    }
}
