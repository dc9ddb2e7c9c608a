package io.streamcl.flink.learner;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamcl.core.learner.ContinualLearnerConfig;
import io.streamcl.flink.config.KeyLimits;
import io.streamcl.flink.config.LearnerSettings;
import io.streamcl.flink.serde.StreamExample;
import io.streamcl.schemas.DeadLetter;
import io.streamcl.schemas.EvaluationEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * The per-subtask learner limit (exact across a restore), idle expiry and per-key evaluation sequence of {@link
 * ContinualLearnerFunction}.
 */
class KeyHygieneTest {
    private static final ContinualLearnerConfig CONFIG = LearnerSettings.parse(Map.of(
            LearnerSettings.INPUTS, "2", LearnerSettings.CLASSES, "3", LearnerSettings.HIDDEN, "4",
            LearnerSettings.BATCH_SIZE, "1", LearnerSettings.EVAL_EVERY, "1"));

    @Test
    void aNewKeyBeyondTheLimitIsDeadLetteredAlsoAfterARestore() throws Exception {
        KeyLimits limits = new KeyLimits(64, 2, Duration.ZERO);
        OperatorSubtaskState snapshot;
        List<Long> sequenceOfB = new ArrayList<>();
        try (var harness = harness(limits)) {
            harness.open();
            harness.processElement(example("a", 0), 0);
            harness.processElement(example("b", 1), 0);
            harness.processElement(example("c", 2), 0);
            harness.processElement(example("a", 3), 0);
            assertThat(keysOf(harness.extractOutputValues())).containsOnly("a", "b");
            assertThat(deadLetters(harness)).singleElement().satisfies(d -> {
                assertThat(d.getReason()).startsWith("key 'c' would start learner 3 of this subtask, over the limit of"
                        + " keys.max-learners=2");
                assertThat(d.getErrorType()).isEqualTo("too-many-keys");
                assertThat(d.getOffset()).isEqualTo(2);
                assertThat(StandardCharsets.UTF_8.decode(d.getRecordKey()).toString()).isEqualTo("c");
            });
            sequenceOfB.addAll(sequence(harness.extractOutputValues(), "b"));
            snapshot = harness.snapshot(1, 1);
        }
        try (var restored = harness(limits)) {
            restored.initializeState(snapshot);
            restored.open();
            restored.processElement(example("d", 4), 0);
            restored.processElement(example("b", 5), 0);
            assertThat(keysOf(restored.extractOutputValues())).containsOnly("b");
            assertThat(deadLetters(restored)).singleElement()
                    .satisfies(d -> assertThat(d.getReason()).startsWith("key 'd' would start learner 3"));
            sequenceOfB.addAll(sequence(restored.extractOutputValues(), "b"));
        }
        assertThat(sequenceOfB).as("evaluationSeq continues across the restore").containsExactly(1L, 2L, 3L);
    }

    @Test
    void anIdleLearnerExpiresAndFreesItsPlaceWhileAnActiveOneStays() throws Exception {
        try (var harness = harness(new KeyLimits(64, 1, Duration.ofMinutes(10)))) {
            harness.open();
            harness.setProcessingTime(0);
            harness.processElement(example("a", 0), 0);
            harness.processElement(example("a", 1), 0);
            harness.setProcessingTime(Duration.ofMinutes(9).toMillis());
            harness.processElement(example("a", 2), 0);
            harness.setProcessingTime(Duration.ofMinutes(12).toMillis());
            harness.processElement(example("b", 3), 0);
            assertThat(deadLetters(harness)).as("a is still live: active 3 minutes ago").hasSize(1);

            harness.setProcessingTime(Duration.ofMinutes(19).toMillis());
            harness.processElement(example("b", 4), 0);
            harness.processElement(example("a", 5), 0);
            List<EvaluationEvent> events = List.copyOf(harness.extractOutputValues());
            assertThat(deadLetters(harness)).as("a expired at minute 19, so b got its place").hasSize(2);
            EvaluationEvent last = events.get(events.size() - 1);
            assertThat(last.getKey()).isEqualTo("b");
            assertThat(last.getModelStep()).as("b's fresh learner").isEqualTo(1);
        }
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, StreamExample, EvaluationEvent> harness(
            KeyLimits limits) throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new LearnerOperator(new ContinualLearnerFunction(CONFIG, Duration.ofHours(1), limits)), e -> e.key,
                Types.STRING);
    }

    private static List<DeadLetter> deadLetters(
            KeyedOneInputStreamOperatorTestHarness<String, StreamExample, EvaluationEvent> harness) {
        var side = harness.getSideOutput(ContinualLearnerFunction.DEAD_LETTERS);
        return side == null ? List.of() : side.stream().map(StreamRecord::getValue).toList();
    }

    private static List<Long> sequence(List<EvaluationEvent> events, String key) {
        return events.stream().filter(e -> e.getKey().equals(key)).map(EvaluationEvent::getEvaluationSeq).toList();
    }

    private static List<String> keysOf(List<EvaluationEvent> events) {
        return events.stream().map(EvaluationEvent::getKey).distinct().toList();
    }

    private static StreamExample example(String key, long offset) {
        StreamExample e = new StreamExample();
        e.key = key;
        e.seq = offset;
        e.eventTime = 1_000 + offset;
        e.label = (int) (offset % 3);
        e.features = new float[] {offset % 3, 1f};
        e.sourceTopic = "examples";
        e.sourceOffset = offset;
        return e;
    }
}
