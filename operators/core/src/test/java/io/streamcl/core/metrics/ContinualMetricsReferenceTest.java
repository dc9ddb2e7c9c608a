package io.streamcl.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Differential tests of {@link ContinualMetrics} against {@link ReferenceMetrics} on seeded random streams. */
class ContinualMetricsReferenceTest {
    private static final int BETA = 3;

    @Test
    void matrixMetricsAndAggregatesEqualTheReferenceAtEveryStep() {
        for (int seed = 1; seed <= 40; seed++) {
            List<RandomStream.Call> calls = RandomStream.generate(seed, 2 + seed % 5, 3 + seed % 20);
            ContinualMetrics metrics = ContinualMetrics.create(MetricsConfig.defaults().withLcaBeta(BETA));
            ReferenceMetrics reference = new ReferenceMetrics(BETA, MetricsConfig.DEFAULT_MIN_SAMPLES);
            for (int i = 0; i < calls.size(); i++) {
                calls.get(i).applyTo(metrics);
                reference.apply(calls.get(i));
                // Predictions open every step, so this compares once all of a step's calls are in.
                if (i + 1 == calls.size() || calls.get(i + 1) instanceof RandomStream.Predictions) {
                    assertMatches(metrics.report(), reference, "seed " + seed + " call " + i);
                }
            }
        }
    }

    @Test
    void windowedMetricsEqualTheQuadraticReferenceOnLongTasks() {
        for (int seed = 1; seed <= 4; seed++) {
            List<RandomStream.Call> calls = RandomStream.generate(seed, 4, 250);
            ContinualMetrics metrics = ContinualMetrics.create(MetricsConfig.defaults());
            ReferenceMetrics reference = new ReferenceMetrics(MetricsConfig.DEFAULT_LCA_BETA, MetricsConfig.DEFAULT_MIN_SAMPLES);
            calls.forEach(call -> call.applyTo(metrics));
            calls.forEach(reference::apply);
            List<TaskReport> tasks = metrics.report().tasks();
            for (int j = 0; j < tasks.size(); j++) {
                TaskReport task = tasks.get(j);
                String where = "seed " + seed + " task " + task.taskId();
                assertClose(where + " WF10", task.windowedForgetting10(), reference.windowedChange(j, 10, false));
                assertClose(where + " WF100", task.windowedForgetting100(), reference.windowedChange(j, 100, false));
                assertClose(where + " WP10", task.windowedPlasticity10(), reference.windowedChange(j, 10, true));
                assertClose(where + " WP100", task.windowedPlasticity100(), reference.windowedChange(j, 100, true));
                assertClose(where + " LCA", task.learningCurveArea(), reference.learningCurveArea(j));
            }
        }
    }

    private static void assertMatches(MetricsReport report, ReferenceMetrics reference, String where) {
        assertThat(report.tasks()).extracting(TaskReport::taskId).as(where).isEqualTo(reference.tasks());
        for (int j = 0; j < report.tasks().size(); j++) {
            TaskReport task = report.tasks().get(j);
            assertClose(where + " accuracy " + j, task.accuracy(), reference.newestAccuracy(j));
            assertClose(where + " minimum " + j, task.minAccuracy(), reference.minimum(j));
            assertClose(where + " LCA " + j, task.learningCurveArea(), reference.learningCurveArea(j));
        }
        AggregateReport aggregate = report.aggregate();
        assertClose(where + " avg-ACC", aggregate.avgAccuracy(), reference.avgAccuracy());
        assertClose(where + " min-ACC", aggregate.minAccuracy(), reference.minAccuracy());
        assertClose(where + " WC-ACC", aggregate.worstCaseAccuracy(), reference.worstCaseAccuracy());
        int k = reference.rows() - 1;
        if (k < 0) {
            assertThat(report.boundary()).as(where).isNull();
            return;
        }
        BoundaryReport boundary = report.boundary();
        assertThat(boundary.tasks()).as(where).isEqualTo(reference.tasks().subList(0, k + 1));
        for (int j = 0; j <= k; j++) {
            assertClose(where + " R[" + k + "][" + j + "]", boundary.accuracies().get(j), reference.matrix(k, j));
        }
        assertClose(where + " ACC", boundary.finalAccuracy(), reference.finalAccuracy(k));
        assertClose(where + " BWT", boundary.backwardTransfer(), reference.backwardTransfer(k));
        assertClose(where + " FWT", boundary.forwardTransfer(), reference.forwardTransfer(k));
        assertClose(where + " forgetting", boundary.forgetting(), reference.forgetting(k));
    }

    private static void assertClose(String what, Double actual, Double expected) {
        if (expected == null || expected.isNaN()) {
            assertThat(actual).as(what).isNull();
        } else {
            assertThat(actual).as(what).isNotNull();
            assertThat(actual).as(what).isCloseTo(expected, within(1e-9));
        }
    }
}
