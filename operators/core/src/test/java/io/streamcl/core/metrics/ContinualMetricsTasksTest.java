package io.streamcl.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Tests {@link ContinualMetrics} on recurring tasks, on more tasks than it keeps, and on bad calls. */
class ContinualMetricsTasksTest {

    /*
     * beta = 1, epsilon 0.01. Task 1 trains on steps 0-10, task 2 on 10-20, task 1 again on 20-30.
     *   step  0: startTask(0, 1); t1 0.20
     *   step 10: t1 0.80; startTask(10, 2); t2 0.10        row R1 = [t1 0.80]
     *   step 20: t1 0.50, t2 0.90; startTask(20, 1)        row R2 = [0.50, 0.90]:
     *                                                      BWT 0.50-0.80 = -0.30, forgetting 0.80-0.50 = 0.30
     *   step 30: t1 0.95, t2 0.40; endTask(30)             row R3 = [0.95, 0.40], ended t1:
     *            ACC 0.675, BWT (t2) 0.40-0.90 = -0.50, forgetting (t2) 0.90-0.40 = 0.50, FWT unknown (no b_2)
     * t1: one record; LCA over its first period only (0.20, 0.80) = 0.50; its minimum (0.50 at step 20) restarts when it
     * trains again at 20, and no evaluation follows its new end at 30: none.
     * t1's gap from step 10 (pre 0.80, then 0.50) closes when t1 restarts; t2's gap from 20 (0.90 -> 0.40) at the end.
     * min-ACC (t2 only) = 0.40, WC-ACC = (0.95 + 0.40)/2 = 0.675.
     */
    @Test
    void aRecurringTaskKeepsOneRecord() {
        ContinualMetrics metrics = ContinualMetrics.create(MetricsConfig.defaults().withLcaBeta(1));
        metrics.startTask(0, 1);
        metrics.recordEvaluation(0, 1, 0.20, Double.NaN, 1000);
        metrics.recordEvaluation(10, 1, 0.80, Double.NaN, 1000);
        metrics.startTask(10, 2);
        metrics.recordEvaluation(10, 2, 0.10, Double.NaN, 1000);
        metrics.recordEvaluation(20, 1, 0.50, Double.NaN, 1000);
        metrics.recordEvaluation(20, 2, 0.90, Double.NaN, 1000);
        metrics.startTask(20, 1);
        BoundaryReport row2 = metrics.report().boundary();
        assertThat(row2.accuracies()).containsExactly(0.50, 0.90);
        assertThat(row2.backwardTransfer()).isCloseTo(-0.30, within(1e-9));
        assertThat(row2.forgetting()).isCloseTo(0.30, within(1e-9));
        assertThat(metrics.report().currentTask()).isEqualTo(1);
        GapReport firstGap = metrics.report().stabilityGaps().get(0);
        assertThat(firstGap.taskId()).isEqualTo(1);
        assertThat(firstGap.open()).isFalse();
        assertThat(firstGap.depth()).isCloseTo(0.30, within(1e-9));

        metrics.recordEvaluation(30, 1, 0.95, Double.NaN, 1000);
        metrics.recordEvaluation(30, 2, 0.40, Double.NaN, 1000);
        metrics.endTask(30);
        MetricsReport report = metrics.report();
        assertThat(report.tasks()).extracting(TaskReport::taskId).containsExactly(1, 2);
        TaskReport first = report.tasks().get(0);
        assertThat(first.learningCurveArea()).isCloseTo(0.50, within(1e-9));
        assertThat(first.minAccuracy()).as("restarted by the second training period").isNull();
        assertThat(first.loss()).isNull();
        BoundaryReport row3 = report.boundary();
        assertThat(row3.endedTask()).isEqualTo(1);
        assertThat(row3.accuracies()).containsExactly(0.95, 0.40);
        assertThat(row3.finalAccuracy()).isCloseTo(0.675, within(1e-9));
        assertThat(row3.backwardTransfer()).isCloseTo(-0.50, within(1e-9));
        assertThat(row3.forgetting()).isCloseTo(0.50, within(1e-9));
        assertThat(row3.forwardTransfer()).isNull();
        assertThat(report.aggregate().minAccuracy()).isEqualTo(0.40);
        assertThat(report.aggregate().worstCaseAccuracy()).isCloseTo(0.675, within(1e-9));
        assertThat(report.stabilityGaps()).extracting(GapReport::taskId).containsExactly(1, 2);
        assertThat(report.stabilityGaps().get(1).depth()).isCloseTo(0.50, within(1e-9));
    }

    @Test
    void beyondMaxTasksTheOldestTaskIsDroppedButNeverTheCurrentOne() {
        ContinualMetrics metrics = ContinualMetrics.create(MetricsConfig.defaults().withMaxTasks(3));
        for (int task = 1; task <= 5; task++) {
            metrics.startTask(10L * task, task);
            metrics.recordEvaluation(10L * task, task, 0.1 * task, Double.NaN, 1000);
        }
        assertThat(metrics.report().tasks()).extracting(TaskReport::taskId).containsExactly(3, 4, 5);
        assertThat(metrics.report().boundary().tasks()).containsExactly(3, 4);

        ContinualMetrics pair = ContinualMetrics.create(MetricsConfig.defaults().withMaxTasks(2));
        pair.startTask(0, 1);
        pair.recordEvaluation(0, 1, 0.5, Double.NaN, 1000);
        pair.recordEvaluation(0, 7, 0.3, Double.NaN, 1000);
        pair.recordEvaluation(0, 8, 0.4, Double.NaN, 1000);
        assertThat(pair.report().tasks()).extracting(TaskReport::accuracy).containsExactly(0.5);
    }

    @Test
    void aTaskNeverEvaluatedUpToTheBoundaryHasNoGapUnlessEvaluatedAtTheBoundaryStep() {
        ContinualMetrics unmeasured = ContinualMetrics.create(MetricsConfig.defaults());
        unmeasured.startTask(0, 1);
        unmeasured.startTask(10, 2);
        unmeasured.recordEvaluation(20, 1, 0.5, Double.NaN, 1000);
        assertThat(unmeasured.report().stabilityGaps()).isEmpty();

        ContinualMetrics late = ContinualMetrics.create(MetricsConfig.defaults());
        late.startTask(0, 1);
        late.startTask(10, 2);
        late.recordEvaluation(10, 1, 0.7, Double.NaN, 1000);
        late.recordEvaluation(20, 1, 0.5, Double.NaN, 1000);
        assertThat(late.report().stabilityGaps()).singleElement()
                .satisfies(gap -> assertThat(gap.depth()).isCloseTo(0.2, within(1e-9)));
    }

    @Test
    void forwardTransferNeedsAnEvaluationAtTheStartStepNotAnOlderOne() {
        ContinualMetrics metrics = ContinualMetrics.create(MetricsConfig.defaults());
        metrics.recordEvaluation(0, 2, 0.1, Double.NaN, 1000);
        metrics.startTask(0, 1);
        metrics.startTask(5, 2);
        metrics.endTask(9);
        assertThat(metrics.report().boundary().forwardTransfer()).as("b_2 is no stand-in for R_12").isNull();
    }

    @Test
    void givenInitialAccuracyFeedsForwardTransfer() {
        ContinualMetrics metrics = ContinualMetrics.create(MetricsConfig.defaults());
        metrics.recordInitialAccuracy(2, 0.1);
        metrics.startTask(0, 1);
        metrics.recordEvaluation(5, 1, 0.9, Double.NaN, 1000);
        metrics.startTask(5, 2);
        metrics.recordEvaluation(5, 2, 0.25, Double.NaN, 1000);
        metrics.endTask(9);
        assertThat(metrics.report().boundary().forwardTransfer()).isCloseTo(0.15, within(1e-9));
    }

    @Test
    void rejectsBadCallsWithoutChangingState() {
        ContinualMetrics metrics = ContinualMetrics.create(MetricsConfig.defaults());
        metrics.startTask(7, 3);
        assertThatThrownBy(() -> metrics.recordEvaluation(5, 3, 0.5, 0.1, 1000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("step 5 is before the newest step 7: model steps never go back");
        assertThatThrownBy(() -> metrics.recordEvaluation(8, 3, 1.5, 0.1, 1000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("accuracy must be in [0, 1], got 1.5");
        assertThatThrownBy(() -> metrics.recordInitialAccuracy(3, Double.NaN))
                .hasMessage("accuracy must be in [0, 1], got NaN");
        assertThatThrownBy(() -> metrics.startTask(9, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("task 3 is already training");
        assertThat(metrics.report().step()).isEqualTo(7);
        metrics.endTask(7);
        assertThatThrownBy(() -> metrics.endTask(8))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("endTask at step 8: no task is training");
        assertThatThrownBy(() -> metrics.recordPredictions(3, 5, 4))
                .hasMessage("correct must be in [0, examples], got correct=5 examples=4");
    }

    @Test
    void rejectsBadConfigs() {
        assertThatThrownBy(() -> MetricsConfig.defaults().withLcaBeta(-1))
                .hasMessage("lcaBeta must be at least 0, got -1");
        assertThatThrownBy(() -> MetricsConfig.defaults().withMaxTasks(1))
                .hasMessage("maxTasks must be at least 2, got 1");
        assertThatThrownBy(() -> MetricsConfig.defaults().withRecovery(null))
                .hasMessage("recovery must be set, e.g. RecoveryTolerance.absolute(0.01)");
        assertThatThrownBy(() -> RecoveryTolerance.relative(1))
                .hasMessage("recovery epsilon must be in [0, 1), got 1.0");
        assertThatThrownBy(() -> ContinualMetrics.create(null))
                .hasMessage("config must be set, e.g. MetricsConfig.defaults()");
    }
}
