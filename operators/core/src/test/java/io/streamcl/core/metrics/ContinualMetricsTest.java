package io.streamcl.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * Tests {@link ContinualMetrics} on a hand-worked three-task stream; beta = 2, recovery within 0.05 (absolute).
 *
 * <pre>
 * step | calls                               | task 1 | task 2 | task 3
 * -----+-------------------------------------+--------+--------+-------
 *    0 | startTask(0, 1), then evaluations   |  0.10  |  0.12* |  0.08*     * before its training starts
 *   10 |                                     |  0.50  |        |
 *   20 |                                     |  0.80  |        |
 *   30 | startTask(30, 2), then evaluations  |  0.90  |  0.20  |
 *   35 |                                     |  0.60  |  0.50  |
 *   40 |                                     |  0.40  |  0.68  |
 *   50 |                                     |  0.70  |  0.80  |
 *   60 |                                     |  0.88  |  0.85  |
 *   70 | evaluations, startTask(70, 3), t3   |  0.86  |  0.90  |  0.15
 *   80 |                                     |  0.70  |  0.60  |  0.60
 *   90 | evaluations, then endTask(90)       |  0.75  |  0.82  |  0.85
 * Prequential predictions: task 1 80 of 100; task 2 30 of 40 and 15 of 20 (45 of 60 = 0.75); task 3 none.
 *
 * Accuracy matrix (rows taken when training on a task ended; b = the initial model at step 0):
 *        t1    t2    t3
 *   b   0.10  0.12  0.08
 *   R1  0.90  0.20   -        row at step 30 (t2's 0.20 is its start-step evaluation, used by FWT only)
 *   R2  0.86  0.90  0.15      row at step 70
 *   R3  0.75  0.82  0.85      row at step 90
 * Row 1: ACC 0.90; BWT, FWT, forgetting unknown (one task).
 * Row 2: ACC (0.86+0.90)/2 = 0.88; BWT 0.86-0.90 = -0.04; FWT R12-b2 = 0.20-0.12 = 0.08; forgetting 0.90-0.86 = 0.04.
 * Row 3: ACC 2.42/3 = 0.806667; BWT ((0.75-0.90) + (0.82-0.90))/2 = -0.115;
 *        FWT ((0.20-0.12) + (0.15-0.08))/2 = 0.075; forgetting ((0.90-0.75) + (0.90-0.82))/2 = 0.115.
 *
 * Per task at the end (evaluations since the task started; minimum over steps after its training ended):
 *   t1: 0.10 0.50 0.80 0.90 0.60 0.40 0.70 0.88 0.86 0.70 0.75  min (after 30) 0.40
 *       WF = 0.90-0.40 = 0.50, WP = 0.90-0.10 = 0.80 (both 3 apart, in every window); LCA (0.10+0.50+0.80)/3 = 0.466667
 *   t2: 0.20 0.50 0.68 0.80 0.85 0.90 0.60 0.82                  min (after 70) 0.60
 *       WF = 0.90-0.60 = 0.30, WP = 0.90-0.20 = 0.70; LCA (0.20+0.50+0.68)/3 = 0.46
 *   t3: 0.15 0.60 0.85                                           min: none after 90
 *       WF = 0, WP = 0.85-0.15 = 0.70; LCA (0.15+0.60+0.85)/3 = 0.533333
 * Aggregates (current task: t3, the last trained): avg-ACC (0.75+0.82+0.85)/3 = 0.806667; min-ACC (0.40+0.60)/2
 * = 0.50; WC-ACC (0.85+0.40+0.60)/3 = 0.616667; LCA 1.46/3 = 0.486667; WF 0.80/3 = 0.266667; WP 2.20/3 = 0.733333.
 *
 * Stability gaps:
 *   t1 after 30: pre 0.90 (step 30, refreshing 0.80 of step 20); 0.60 0.40 0.70 then 0.88 >= 0.85 recovers at 60:
 *       depth 0.50, to minimum 10, to recover 30, area 0.30x5 + 0.50x5 + 0.20x10 + 0.02x10 = 6.2; closed at 60.
 *   t1 after 70: pre 0.86; 0.70, 0.75 (below 0.81): depth 0.16, to minimum 10, not recovered, area 1.6+1.1 = 2.7.
 *   t2 after 70: pre 0.90; 0.60, 0.82 (below 0.85): depth 0.30, to minimum 10, not recovered, area 3.0+0.8 = 3.8.
 *   Both close at endTask(90).
 * </pre>
 */
class ContinualMetricsTest {
    private static final Offset<Double> EXACT = within(1e-9);
    private static final MetricsConfig CONFIG =
            MetricsConfig.defaults().withLcaBeta(2).withRecovery(RecoveryTolerance.absolute(0.05));

    @Test
    void rowsAtEachBoundary() {
        ContinualMetrics metrics = ContinualMetrics.create(CONFIG);
        runUntil(metrics, 30, false);
        BoundaryReport row1 = metrics.report().boundary();
        assertThat(metrics.report().atBoundary()).isTrue();
        assertThat(row1.endedTask()).isEqualTo(1);
        assertThat(row1.tasks()).containsExactly(1);
        assertThat(row1.accuracies()).containsExactly(0.90);
        assertThat(row1.finalAccuracy()).isCloseTo(0.90, EXACT);
        assertThat(row1.backwardTransfer()).isNull();
        assertThat(row1.forwardTransfer()).isNull();
        assertThat(row1.forgetting()).isNull();

        runUntil(metrics, 70, false);
        BoundaryReport row2 = metrics.report().boundary();
        assertThat(row2.step()).isEqualTo(70);
        assertThat(row2.tasks()).containsExactly(1, 2);
        assertThat(row2.accuracies()).containsExactly(0.86, 0.90);
        assertThat(row2.finalAccuracy()).isCloseTo(0.88, EXACT);
        assertThat(row2.backwardTransfer()).isCloseTo(-0.04, EXACT);
        assertThat(row2.forwardTransfer()).isCloseTo(0.08, EXACT);
        assertThat(row2.forgetting()).isCloseTo(0.04, EXACT);

        runUntil(metrics, 80, false);
        assertThat(metrics.report().atBoundary()).isFalse();
    }

    @Test
    void finalReportMatchesTheWorkedExample() {
        MetricsReport report = finished(false);
        assertThat(report.step()).isEqualTo(90);
        assertThat(report.currentTask()).isNull();

        BoundaryReport row3 = report.boundary();
        assertThat(row3.endedTask()).isEqualTo(3);
        assertThat(row3.accuracies()).containsExactly(0.75, 0.82, 0.85);
        assertThat(row3.finalAccuracy()).isCloseTo(0.806667, within(1e-6));
        assertThat(row3.backwardTransfer()).isCloseTo(-0.115, EXACT);
        assertThat(row3.forwardTransfer()).isCloseTo(0.075, EXACT);
        assertThat(row3.forgetting()).isCloseTo(0.115, EXACT);

        assertTask(report.tasks().get(0), 1, 11, 0.75, 0.40, 0.50, 0.80, 1.40 / 3);
        assertTask(report.tasks().get(1), 2, 9, 0.82, 0.60, 0.30, 0.70, 0.46);
        assertTask(report.tasks().get(2), 3, 4, 0.85, null, 0.0, 0.70, 1.60 / 3);
        assertThat(report.tasks().get(0).loss()).isCloseTo(0.25, EXACT);
        assertThat(report.tasks().get(0).onlineAccuracy()).isEqualTo(0.80);
        assertThat(report.tasks().get(1).onlineAccuracy()).isEqualTo(0.75);
        assertThat(report.tasks().get(1).onlineExamples()).isEqualTo(60);
        assertThat(report.tasks().get(2).onlineAccuracy()).isNull();

        AggregateReport aggregate = report.aggregate();
        assertThat(aggregate.avgAccuracy()).isCloseTo(2.42 / 3, EXACT);
        assertThat(aggregate.minAccuracy()).isCloseTo(0.50, EXACT);
        assertThat(aggregate.worstCaseAccuracy()).isCloseTo(1.85 / 3, EXACT);
        assertThat(aggregate.learningCurveArea()).isCloseTo(1.46 / 3, EXACT);
        assertThat(aggregate.windowedForgetting10()).isCloseTo(0.80 / 3, EXACT);
        assertThat(aggregate.windowedForgetting100()).isCloseTo(0.80 / 3, EXACT);
        assertThat(aggregate.windowedPlasticity10()).isCloseTo(2.20 / 3, EXACT);
        assertThat(aggregate.windowedPlasticity100()).isCloseTo(2.20 / 3, EXACT);
    }

    @Test
    void stabilityGapsOpenAtBoundariesAndCloseOnRecoveryOrTheNextBoundary() {
        ContinualMetrics metrics = ContinualMetrics.create(CONFIG);
        runUntil(metrics, 60, false);
        GapReport first = single(metrics.report().currentGaps());
        assertThat(first.taskId()).isEqualTo(1);
        assertThat(first.boundaryStep()).isEqualTo(30);
        assertThat(first.preBoundaryAccuracy()).isEqualTo(0.90);
        assertThat(first.depth()).isCloseTo(0.50, EXACT);
        assertThat(first.stepsToMinimum()).isEqualTo(10);
        assertThat(first.stepsToRecover()).isEqualTo(30);
        assertThat(first.area()).isCloseTo(6.2, EXACT);
        assertThat(first.open()).isFalse();

        metrics.recordEvaluation(70, 1, 0.86, 0.14, 1000);
        assertThat(metrics.report().currentGaps()).as("closed at step 60, not reported at 70").isEmpty();
        assertThat(metrics.report().stabilityGaps()).containsExactly(first);

        List<GapReport> last = finished(false).stabilityGaps();
        assertThat(last).extracting(GapReport::taskId).containsExactly(1, 2);
        assertGap(last.get(0), 0.86, 0.16, 2.7);
        assertGap(last.get(1), 0.90, 0.30, 3.8);
    }

    @Test
    void boundaryEvaluationsMayComeBeforeOrAfterTheBoundaryCall() {
        assertThat(finished(true)).isEqualTo(finished(false));
    }

    private static void assertTask(TaskReport task, int id, long evaluations, double accuracy, Double minimum,
            double forgetting, double plasticity, double learningCurveArea) {
        assertThat(task.taskId()).isEqualTo(id);
        assertThat(task.training()).isFalse();
        assertThat(task.evaluations()).isEqualTo(evaluations);
        assertThat(task.lastEvaluationStep()).isEqualTo(90);
        assertThat(task.accuracy()).isEqualTo(accuracy);
        assertThat(task.minAccuracy()).isEqualTo(minimum);
        assertThat(task.windowedForgetting10()).isCloseTo(forgetting, EXACT);
        assertThat(task.windowedForgetting100()).isCloseTo(forgetting, EXACT);
        assertThat(task.windowedPlasticity10()).isCloseTo(plasticity, EXACT);
        assertThat(task.windowedPlasticity100()).isCloseTo(plasticity, EXACT);
        assertThat(task.learningCurveArea()).isCloseTo(learningCurveArea, EXACT);
    }

    private static void assertGap(GapReport gap, double pre, double depth, double area) {
        assertThat(gap.boundaryStep()).isEqualTo(70);
        assertThat(gap.preBoundaryAccuracy()).isEqualTo(pre);
        assertThat(gap.depth()).isCloseTo(depth, EXACT);
        assertThat(gap.stepsToMinimum()).isEqualTo(10);
        assertThat(gap.stepsToRecover()).isNull();
        assertThat(gap.area()).isCloseTo(area, EXACT);
        assertThat(gap.open()).isFalse();
        assertThat(gap.lastUpdateStep()).isEqualTo(90);
    }

    private static GapReport single(List<GapReport> gaps) {
        assertThat(gaps).hasSize(1);
        return gaps.get(0);
    }

    private static MetricsReport finished(boolean evaluationsBeforeBoundaries) {
        ContinualMetrics metrics = ContinualMetrics.create(CONFIG);
        runUntil(metrics, 90, evaluationsBeforeBoundaries);
        return metrics.report();
    }

    /** Plays the table up to and including step {@code last}. */
    private static void runUntil(ContinualMetrics metrics, long last, boolean evaluationsBeforeBoundaries) {
        long from = metrics.report().tasks().isEmpty() ? 0 : metrics.report().step() + 1;
        for (Object[] row : TABLE) {
            long step = (long) row[0];
            if (step < from || step > last) {
                continue;
            }
            boolean before = evaluationsBeforeBoundaries || step == 70 || step == 90;
            Runnable boundary = boundaryAt(metrics, step);
            if (!before) {
                boundary.run();
            }
            for (int task = 1; task <= 3; task++) {
                Double accuracy = (Double) row[task];
                if (accuracy != null && !(step == 70 && task == 3 && !evaluationsBeforeBoundaries)) {
                    metrics.recordEvaluation(step, task, accuracy, 1 - accuracy, 1000);
                }
            }
            if (before) {
                boundary.run();
            }
            if (step == 70 && !evaluationsBeforeBoundaries) {
                metrics.recordEvaluation(70, 3, 0.15, 0.85, 1000);
            }
            if (step == 20) {
                metrics.recordPredictions(1, 80, 100);
            } else if (step == 50) {
                metrics.recordPredictions(2, 30, 40);
                metrics.recordPredictions(2, 15, 20);
            }
        }
    }

    private static Runnable boundaryAt(ContinualMetrics metrics, long step) {
        if (step == 0) {
            return () -> metrics.startTask(0, 1);
        } else if (step == 30) {
            return () -> metrics.startTask(30, 2);
        } else if (step == 70) {
            return () -> metrics.startTask(70, 3);
        } else if (step == 90) {
            return () -> metrics.endTask(90);
        }
        return () -> {};
    }

    private static final Object[][] TABLE = {
        {0L, 0.10, 0.12, 0.08},
        {10L, 0.50, null, null},
        {20L, 0.80, null, null},
        {30L, 0.90, 0.20, null},
        {35L, 0.60, 0.50, null},
        {40L, 0.40, 0.68, null},
        {50L, 0.70, 0.80, null},
        {60L, 0.88, 0.85, null},
        {70L, 0.86, 0.90, 0.15},
        {80L, 0.70, 0.60, 0.60},
        {90L, 0.75, 0.82, 0.85},
    };
}
