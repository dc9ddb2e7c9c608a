package io.streamcl.flink.learner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamcl.core.learner.ContinualLearnerConfig;
import io.streamcl.flink.config.InvalidSettingException;
import io.streamcl.flink.config.LearnerSettings;
import io.streamcl.flink.serde.StreamExample;
import io.streamcl.schemas.EvaluationEvent;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.execution.SuppressRestartsException;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.ExceptionUtils;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Restoring a learner snapshot under changed settings: policies take effect, state-shaping changes fail once. */
class SettingsOnRestoreTest {
    private static final Map<String, String> SETTINGS = Map.of(
            LearnerSettings.INPUTS, "2", LearnerSettings.CLASSES, "3", LearnerSettings.HIDDEN, "16",
            LearnerSettings.BATCH_SIZE, "8", LearnerSettings.EVAL_EVERY, "10", LearnerSettings.EVAL_HOLDOUT, "0.1",
            LearnerSettings.EVAL_SAMPLES, "100");

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aPolicyChangeRestoresAndTakesEffect(Backend backend) throws Exception {
        OperatorSubtaskState snapshot = snapshotAfter(605, backend);
        try (var restored = backend.on(harness(with(LearnerSettings.EVAL_EVERY, "3", LearnerSettings.EVAL_SLICE, "40")))) {
            restored.initializeState(snapshot);
            restored.open();
            for (StreamExample e : ContinualLearnerFunctionTest.stream(1203, 2).subList(605, 1203)) {
                restored.processElement(e, e.eventTime);
            }
            List<EvaluationEvent> events = List.copyOf(restored.extractOutputValues());
            assertThat(events).extracting(EvaluationEvent::getModelStep).allMatch(step -> step % 3 == 0)
                    .anyMatch(step -> step % 10 != 0);
            assertThat(events).flatMap(EvaluationEvent::getTasks).allSatisfy(t -> assertThat(t.getSamples()).isEqualTo(40));
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aStateShapingChangeFailsWithoutRestartsNamingTheSettingAndBothValues(Backend backend) throws Exception {
        OperatorSubtaskState snapshot = snapshotAfter(605, backend);
        try (var restored = backend.on(harness(with(LearnerSettings.HIDDEN, "8")))) {
            assertThatThrownBy(() -> {
                restored.initializeState(snapshot);
                restored.open();
            }).satisfies(e -> assertThat(ExceptionUtils.findThrowable(e, SuppressRestartsException.class)).isPresent())
                    .rootCause().isInstanceOf(InvalidSettingException.class)
                    .hasMessageContaining("model.hidden: 16 -> 8")
                    .hasMessageContaining("restore with the old values")
                    .hasMessageContaining("start without the savepoint");
        }
    }

    private static OperatorSubtaskState snapshotAfter(int examples, Backend backend) throws Exception {
        try (var first = backend.on(harness(LearnerSettings.parse(SETTINGS)))) {
            first.open();
            for (StreamExample e : ContinualLearnerFunctionTest.stream(examples, 2)) {
                first.processElement(e, e.eventTime);
            }
            return first.snapshot(1, 1);
        }
    }

    private static ContinualLearnerConfig with(String... keyValues) {
        Map<String, String> settings = new HashMap<>(SETTINGS);
        for (int i = 0; i < keyValues.length; i += 2) {
            settings.put(keyValues[i], keyValues[i + 1]);
        }
        return LearnerSettings.parse(settings);
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, StreamExample, EvaluationEvent> harness(
            ContinualLearnerConfig config) throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new ContinualLearnerFunction(config, Duration.ofHours(1))), e -> e.key,
                Types.STRING);
    }
}
