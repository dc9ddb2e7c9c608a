package io.streamcl.flink.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.streamcl.schemas.AlertKind;
import io.streamcl.schemas.AlertState;
import io.streamcl.schemas.EvaluationEvent;
import io.streamcl.schemas.ForgettingAlert;
import io.streamcl.schemas.Severity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

/**
 * Tests {@link AlertFunction} in Flink's operator harness: one dip, snapshot and restore, duplicates, restarted
 * models and new configurations.
 */
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
        // No sample count: se = sqrt(0.9 * 0.1 / 1000) = 0.0095. The first dipped evaluation is (0.9 - 0.7) / se
        // - 1.25 = 19.8 standard errors past the allowance (h = 5), its fast average 0.86 is 0.04 >= 0.02 below
        // the baseline and its smoothed value 0.06 >= max(0.02, se) below: opened at once.
        assertThat(opened.getModelStep()).isEqualTo(410);
        assertThat(opened.getOnsetStep()).isEqualTo(410);
        assertThat(opened.getEventTime().toEpochMilli()).isEqualTo(1_000_041L);
        assertThat(opened.getBaseline()).isCloseTo(0.9, within(1e-12));
        assertThat(opened.getCurrent()).isCloseTo(0.7, within(1e-12));
        assertThat(opened.getDepth()).isCloseTo(0.2, within(1e-12));
        assertThat(opened.getSeverity()).isEqualTo(Severity.CRITICAL);
        assertThat(opened.getDetector()).startsWith("drop-cusum(k=1.25,h=5,");
        assertThat(opened.getAlertId()).isEqualTo("k@cafe/0/forgetting_spike/410");
        assertThat(opened.getEvaluationSeq()).isEqualTo(41);
        assertThat(opened.getRecoveryStep()).isNull();

        // Smoothed depth 0.2 * (1 - 0.7^5) = 0.1664 at the bottom; back within half of it (0.0832) at the second
        // evaluation at 0.9 (0.1664 * 0.7^2 = 0.0815, step 470), resolved after three such evaluations in a row.
        assertThat(resolved.getState()).isEqualTo(AlertState.RESOLVED);
        assertThat(resolved.getAlertId()).isEqualTo(opened.getAlertId());
        assertThat(resolved.getModelStep()).isEqualTo(490);
        assertThat(resolved.getOnsetStep()).isEqualTo(410);
        assertThat(resolved.getRecoveryStep()).isEqualTo(470);
        assertThat(resolved.getDurationSteps()).isEqualTo(60);
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
    void aDuplicatedEvaluationIsSkipped() throws Exception {
        List<EvaluationEvent> events = new ArrayList<>(Evaluations.oneDip());
        events.add(43, events.get(42));

        assertThat(run(events)).isEqualTo(run(Evaluations.oneDip()));
    }

    @Test
    void aRestartedModelStartsFreshAlertStateAndTheSameDipAlertsAgain() throws Exception {
        List<EvaluationEvent> events = new ArrayList<>(Evaluations.oneDip());
        events.addAll(Evaluations.oneDip());

        List<ForgettingAlert> alerts = run(events);
        assertThat(alerts).extracting(ForgettingAlert::getState).containsExactly(AlertState.OPENED,
                AlertState.RESOLVED, AlertState.OPENED, AlertState.RESOLVED);
        assertThat(alerts).extracting(ForgettingAlert::getAlertId).containsExactly("k@cafe/0/forgetting_spike/410",
                "k@cafe/0/forgetting_spike/410", "k@cafe#1/0/forgetting_spike/410", "k@cafe#1/0/forgetting_spike/410");
    }

    // Run A (cafe) is open at evaluation 43 when configuration beef takes over the key: A's alert is closed (RESOLVED
    // without a recovery step, dated at A's last evaluation) before beef's own state starts and alerts on its dip.
    @Test
    void aNewConfigurationClosesTheOldOnesOpenAlertsAndHasItsOwnState() throws Exception {
        List<EvaluationEvent> events = new ArrayList<>(Evaluations.oneDip().subList(0, 43));
        Evaluations.oneDip().forEach(e -> events.add(EvaluationEvent.newBuilder(e).setConfigHash("beef").build()));

        List<ForgettingAlert> alerts = run(events);
        assertThat(alerts).extracting(ForgettingAlert::getAlertId, ForgettingAlert::getState).containsExactly(
                Tuple.tuple("k@cafe/0/forgetting_spike/410", AlertState.OPENED),
                Tuple.tuple("k@cafe/0/forgetting_spike/410", AlertState.RESOLVED),
                Tuple.tuple("k@beef/0/forgetting_spike/410", AlertState.OPENED),
                Tuple.tuple("k@beef/0/forgetting_spike/410", AlertState.RESOLVED));
        ForgettingAlert closed = alerts.get(1);
        assertThat(closed.getConfigHash()).isEqualTo("cafe");
        assertThat(closed.getEvaluationSeq()).isEqualTo(43);
        assertThat(closed.getModelStep()).isEqualTo(430);
        assertThat(closed.getRecoveryStep()).isNull();
        assertThat(closed.getCurrent()).isNull();
        assertThat(closed.getWorstDepth()).isCloseTo(0.2, within(1e-12));
        assertThat(closed.getMessage()).contains("closed without recovery", "superseded by configuration beef");
    }

    @Test
    void aRestartWhileAnAlertIsOpenClosesIt() throws Exception {
        List<EvaluationEvent> events = new ArrayList<>(Evaluations.oneDip().subList(0, 43));
        events.addAll(Evaluations.oneDip());

        List<ForgettingAlert> alerts = run(events);
        assertThat(alerts).extracting(ForgettingAlert::getAlertId, ForgettingAlert::getState).containsExactly(
                Tuple.tuple("k@cafe/0/forgetting_spike/410", AlertState.OPENED),
                Tuple.tuple("k@cafe/0/forgetting_spike/410", AlertState.RESOLVED),
                Tuple.tuple("k@cafe#1/0/forgetting_spike/410", AlertState.OPENED),
                Tuple.tuple("k@cafe#1/0/forgetting_spike/410", AlertState.RESOLVED));
        assertThat(alerts.get(1).getMessage()).contains("superseded by a restarted run");
    }

    // With a TTL of one minute: a key open in the middle of its dip and then silent has its alert closed and its state
    // dropped once a minute of processing time passes without evaluations; the same events afterwards are a new
    // state (run 0 again), not a duplicate of the dropped one.
    @Test
    void aSilentKeysOpenAlertsCloseAndItsStateExpiresAfterTheTtl() throws Exception {
        try (var harness = harness(Duration.ofMinutes(1))) {
            harness.open();
            harness.setProcessingTime(0);
            feed(harness, Evaluations.oneDip().subList(0, 43));
            harness.setProcessingTime(59_999);
            assertThat(harness.extractOutputValues()).hasSize(1);
            harness.setProcessingTime(60_000);
            assertThat(harness.extractOutputValues()).extracting(ForgettingAlert::getState)
                    .containsExactly(AlertState.OPENED, AlertState.RESOLVED);
            assertThat(harness.extractOutputValues().get(1).getMessage()).contains("alert.state-ttl");
            assertThat(harness.numKeyedStateEntries()).isZero();

            feed(harness, Evaluations.oneDip().subList(0, 43));
            assertThat(harness.extractOutputValues()).extracting(ForgettingAlert::getAlertId).last()
                    .isEqualTo("k@cafe/0/forgetting_spike/410");
        }
    }

    @Test
    void activityPostponesTheExpiry() throws Exception {
        try (var harness = harness(Duration.ofMinutes(1))) {
            harness.open();
            harness.setProcessingTime(0);
            feed(harness, Evaluations.oneDip().subList(0, 43));
            harness.setProcessingTime(50_000);
            feed(harness, Evaluations.oneDip().subList(43, 44));
            harness.setProcessingTime(100_000);
            assertThat(harness.extractOutputValues()).hasSize(1);
            assertThat(harness.numKeyedStateEntries()).isPositive();
            harness.setProcessingTime(110_000);
            assertThat(harness.extractOutputValues()).hasSize(2);
        }
    }

    @Test
    void gridConfigurationsSharingAHashKeepTheirOwnAlertStateAndIds() throws Exception {
        List<EvaluationEvent> events = new ArrayList<>();
        Evaluations.oneDip().subList(0, 43).forEach(e -> events.add(named(e, "every-1")));
        Evaluations.oneDip().forEach(e -> events.add(named(e, "every-10")));
        Evaluations.oneDip().subList(0, 5).forEach(e -> events.add(named(e, "default")));

        assertThat(run(events)).extracting(ForgettingAlert::getAlertId, ForgettingAlert::getConfigName).containsExactly(
                Tuple.tuple("k@every-1:cafe/0/forgetting_spike/410", "every-1"),
                Tuple.tuple("k@every-10:cafe/0/forgetting_spike/410", "every-10"),
                Tuple.tuple("k@every-10:cafe/0/forgetting_spike/410", "every-10"));
        assertThat(AlertFunction.stateKey(named(events.get(0), "default")))
                .as("a job without a grid keeps its state keys: the learner key").isEqualTo("k");
    }

    private static EvaluationEvent named(EvaluationEvent event, String configName) {
        return EvaluationEvent.newBuilder(event).setConfigName(configName).build();
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
            assertThat(alert.getAlertId()).isEqualTo("k@cafe/-/divergence/120");
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
        return harness(Duration.ZERO);
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, EvaluationEvent, ForgettingAlert> harness(
            Duration stateTtl) throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new AlertFunction(AlertConfig.defaults(), stateTtl)), AlertFunction::stateKey,
                Types.STRING);
    }
}
