package io.streamcl.flink.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.streamcl.schemas.AlertKind;
import io.streamcl.schemas.AlertState;
import io.streamcl.schemas.EvaluationEvent;
import io.streamcl.schemas.ForgettingAlert;
import io.streamcl.schemas.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** Tests {@link AlertFunction} in Flink's operator harness: one dip, snapshot and restore, replayed steps. */
class AlertFunctionTest {

    @Test
    void oneDipOpensOneAlertAndResolvesIt() throws Exception {
        List<ForgettingAlert> alerts = run(Evaluations.oneDip());

        assertThat(alerts).hasSize(2);
        ForgettingAlert opened = alerts.get(0);
        ForgettingAlert resolved = alerts.get(1);
        assertThat(opened.getState()).isEqualTo(AlertState.OPENED);
        assertThat(opened.getKind()).isEqualTo(AlertKind.FORGETTING_SPIKE);
        assertThat(opened.getKey()).isEqualTo("k");
        assertThat(opened.getTaskId()).isZero();
        assertThat(opened.getMetric()).isEqualTo("accuracy");
        assertThat(opened.getConfigHash()).isEqualTo("cafe");
        // The EWMA(0.3) falls 0.06 below the 0.9 baseline at the first dipped evaluation: detected at once.
        assertThat(opened.getModelStep()).isEqualTo(410);
        assertThat(opened.getOnsetStep()).isEqualTo(410);
        assertThat(opened.getEventTime().toEpochMilli()).isEqualTo(1_000_041L);
        assertThat(opened.getBaseline()).isCloseTo(0.9, within(1e-12));
        assertThat(opened.getCurrent()).isCloseTo(0.7, within(1e-12));
        assertThat(opened.getDepth()).isCloseTo(0.2, within(1e-12));
        assertThat(opened.getSeverity()).isEqualTo(Severity.CRITICAL);
        assertThat(opened.getDetector()).startsWith("ewma-drop(drop=0.03,");
        assertThat(opened.getAlertId()).isEqualTo("k/0/forgetting_spike/410");
        assertThat(opened.getRecoveryStep()).isNull();

        // Smoothed depth 0.1664 at the bottom; back within a quarter of it (0.0416) at the fourth evaluation at 0.9
        // (step 490), resolved after three such evaluations in a row.
        assertThat(resolved.getState()).isEqualTo(AlertState.RESOLVED);
        assertThat(resolved.getAlertId()).isEqualTo(opened.getAlertId());
        assertThat(resolved.getModelStep()).isEqualTo(510);
        assertThat(resolved.getOnsetStep()).isEqualTo(410);
        assertThat(resolved.getRecoveryStep()).isEqualTo(490);
        assertThat(resolved.getDurationSteps()).isEqualTo(80);
        assertThat(resolved.getWorstDepth()).isCloseTo(0.2, within(1e-12));
        assertThat(resolved.getCurrent()).isCloseTo(0.9, within(1e-12));
    }

    @Test
    void snapshotAndRestoreMidDipGiveTheSameAlertsAsAnUninterruptedRun() throws Exception {
        List<EvaluationEvent> events = Evaluations.oneDip();
        List<ForgettingAlert> uninterrupted = run(events);

        List<ForgettingAlert> interrupted = new ArrayList<>();
        OperatorSubtaskState snapshot;
        try (var first = harness()) {
            first.open();
            feed(first, events.subList(0, 43));
            snapshot = first.snapshot(1, 1);
            interrupted.addAll(first.extractOutputValues());
        }
        assertThat(interrupted).as("open before the snapshot").hasSize(1);
        try (var second = harness()) {
            second.initializeState(snapshot);
            second.open();
            feed(second, events.subList(43, events.size()));
            interrupted.addAll(second.extractOutputValues());
        }
        assertThat(interrupted).isEqualTo(uninterrupted);
    }

    @Test
    void replayedAndOutOfOrderStepsAreSkipped() throws Exception {
        List<EvaluationEvent> events = new ArrayList<>(Evaluations.oneDip());
        // A replay of the evaluation before the dip, and one from far back, both in the middle of the dip.
        events.add(43, Evaluations.at(42, 0.5, Map.of(0, 0.9)));
        events.add(44, Evaluations.at(3, 0.5, Map.of(0, 0.9)));

        assertThat(run(events)).isEqualTo(run(Evaluations.oneDip()));
    }

    @Test
    void aNonFiniteTrainingLossOpensACriticalDivergenceAlertWithoutNaNs() throws Exception {
        List<EvaluationEvent> events = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            events.add(Evaluations.at(i, i == 12 ? Double.NaN : 1.0, Map.of(0, 0.9)));
        }

        assertThat(run(events)).singleElement().satisfies(alert -> {
            assertThat(alert.getKind()).isEqualTo(AlertKind.DIVERGENCE);
            assertThat(alert.getSeverity()).isEqualTo(Severity.CRITICAL);
            assertThat(alert.getMetric()).isEqualTo("train-loss");
            assertThat(alert.getTaskId()).isNull();
            assertThat(alert.getAlertId()).isEqualTo("k/-/divergence/120");
            assertThat(alert.getBaseline()).isCloseTo(1.0, within(1e-12));
            assertThat(alert.getCurrent()).isNull();
            assertThat(alert.getDepth()).isNull();
        });
    }

    private static List<ForgettingAlert> run(List<EvaluationEvent> events) throws Exception {
        try (var harness = harness()) {
            harness.open();
            feed(harness, events);
            return new ArrayList<>(harness.extractOutputValues());
        }
    }

    private static void feed(KeyedOneInputStreamOperatorTestHarness<String, EvaluationEvent, ForgettingAlert> harness,
            List<EvaluationEvent> events) throws Exception {
        for (EvaluationEvent e : events) {
            harness.processElement(e, e.getEventTime().toEpochMilli());
        }
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, EvaluationEvent, ForgettingAlert> harness()
            throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new AlertFunction(AlertConfig.defaults())), e -> e.getKey(), Types.STRING);
    }
}
