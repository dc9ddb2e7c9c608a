package io.streamcl.tools.report;

import static io.streamcl.tools.events.SampleEvents.boundary;
import static io.streamcl.tools.events.SampleEvents.evaluation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.streamcl.schemas.EvaluationEvent;
import io.streamcl.tools.events.JsonRecords;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class SeriesMetricsTest {
    /** Three tasks; task 0 dips to 0.3 after the first boundary, task 1 to 0.4 after the second. */
    private static final List<EvaluationEvent> STREAM = List.of(
            evaluation("k", 0, 0, 0.1),
            evaluation("k", 5, 0, 0.8),
            boundary("k", 10, 0, 1, 0.9, 0.1),
            evaluation("k", 15, 1, 0.3, 0.6),
            evaluation("k", 20, 1, 0.7, 0.8),
            boundary("k", 25, 1, 2, 0.75, 0.85, 0.1),
            evaluation("k", 30, 2, 0.6, 0.4, 0.7),
            evaluation("k", 33, 2, 0.7, 0.8, 0.9));

    private static RunSeries series(List<EvaluationEvent> events) {
        List<Evaluation> evaluations = events.stream().map(e -> Evaluation.fromJson(JsonRecords.toJson(e))).toList();
        return RunSeries.group(null, evaluations, List.of(), Map.of()).get(0);
    }

    @Test
    void minAccuracyAtEachEvaluationFrequencyByHand() {
        SeriesMetrics m = SeriesMetrics.of(series(STREAM));

        // every evaluation: task 0 min over steps 15..33 = 0.3; task 1 over 30..33 (its boundary excluded) = 0.4
        assertThat(m.minAccuracy()).isCloseTo(0.35, within(1e-12));
        // steps 20 and 30 only: task 0 min(0.7, 0.6), task 1 0.4
        assertThat(m.minAccuracyEvery10()).isCloseTo(0.5, within(1e-12));
        // task ends (25) and the last evaluation (33): task 0 min(0.75, 0.7), task 1 0.8
        assertThat(m.minAccuracyTaskEnd()).isCloseTo(0.75, within(1e-12));
    }

    @Test
    void worstCaseAverageAndBackwardTransferByHand() {
        SeriesMetrics m = SeriesMetrics.of(series(STREAM));

        assertThat(m.worstCaseAccuracy()).isCloseTo(0.9 / 3 + 2.0 / 3 * 0.35, within(1e-12));
        assertThat(m.avgAccuracy()).isCloseTo(0.8, within(1e-12));
        assertThat(m.finalAccuracy()).isCloseTo(0.8, within(1e-12));
        // task 0: 0.7 - 0.9, task 1: 0.8 - 0.85
        assertThat(m.backwardTransfer()).isCloseTo(-0.125, within(1e-12));
        assertThat(m.evaluations()).isEqualTo(8);
        assertThat(m.tasks()).isEqualTo(3);
    }

    @Test
    void aRecurringTaskStartsItsMinimumAfresh() {
        List<EvaluationEvent> recurring = Stream.concat(STREAM.stream(), Stream.of(
                boundary("k", 40, 2, 0, 0.7, 0.8, 0.9),
                evaluation("k", 45, 0, 0.95, 0.8, 0.5),
                boundary("k", 50, 0, 1, 0.96, 0.8, 0.6),
                evaluation("k", 55, 1, 0.9, 0.85, 0.6))).toList();

        SeriesMetrics m = SeriesMetrics.of(series(recurring));

        // task 0 trained again at 45: its 0.3 dip is forgotten, its new minimum after step 50 is 0.9;
        // task 2 ended at 40: min(0.5, 0.6) (step 50 counts for task 2); task 1 is current at the end
        assertThat(m.minAccuracy()).isCloseTo((0.9 + 0.5) / 2, within(1e-12));
    }

    @Test
    void aBoundaryEventThatScoresNoTaskMergesWithThePeriodicEvaluationOfItsStep() {
        EvaluationEvent periodic = evaluation("k", 10, 0, 0.9);
        EvaluationEvent boundary = boundary("k", 10, 0, 1, 0.0, 0.0);
        boundary.getTasks().forEach(t -> t.setAccuracy(null));
        List<EvaluationEvent> events = List.of(evaluation("k", 5, 0, 0.8), periodic, boundary,
                evaluation("k", 15, 1, 0.4, 0.6), evaluation("k", 20, 1, 0.7, 0.9));

        RunSeries series = series(events);

        assertThat(series.evaluations()).hasSize(4);
        assertThat(series.boundaries()).containsExactly(new RunSeries.Boundary(10, 0));
        Evaluation merged = series.evaluations().get(1);
        assertThat(merged.accuracy(0)).isEqualTo(0.9);
        assertThat(merged.currentTask()).isEqualTo(1);
        assertThat(SeriesMetrics.of(series).minAccuracy()).isCloseTo(0.4, within(1e-12));
        assertThat(SeriesMetrics.of(series).backwardTransfer()).isCloseTo(0.7 - 0.9, within(1e-12));
    }

    @Test
    void boundariesComeFromBoundaryEvaluationsOrElseFromTaskChanges() {
        assertThat(series(STREAM).boundaries()).containsExactly(new RunSeries.Boundary(10, 0),
                new RunSeries.Boundary(25, 1));
        List<EvaluationEvent> periodicOnly = List.of(evaluation("k", 0, 0, 0.1), evaluation("k", 10, 0, 0.5),
                evaluation("k", 20, 1, 0.4, 0.2));
        assertThat(series(periodicOnly).boundaries()).containsExactly(new RunSeries.Boundary(10, 0));
    }

    @Test
    void oneSourceOfAGridJobSplitsIntoItsConfigurationsEachWithItsRunInfo() {
        List<Evaluation> grid = List.of(named(evaluation("k", 0, 0, 0.1), "sgd"), named(evaluation("k", 0, 0, 0.2), "adam"),
                named(evaluation("k", 5, 0, 0.8), "sgd"), named(evaluation("k", 5, 0, 0.6), "adam"));

        List<RunSeries> series = RunSeries.group(null, grid, List.of(),
                Map.of("sgd", Map.of("optimizer", "sgd(lr=0.01)"), "adam", Map.of("optimizer", "adam(lr=0.001)")));

        assertThat(series).extracting(RunSeries::name).containsExactly("sgd", "adam");
        assertThat(series.get(0).evaluations()).extracting(e -> e.accuracy(0)).containsExactly(0.1, 0.8);
        assertThat(series.get(1).evaluations()).extracting(e -> e.accuracy(0)).containsExactly(0.2, 0.6);
        assertThat(series.get(1).info()).containsEntry("optimizer", "adam(lr=0.001)");
    }

    private static Evaluation named(EvaluationEvent event, String configName) {
        event.setConfigName(configName);
        return Evaluation.fromJson(JsonRecords.toJson(event));
    }
}
