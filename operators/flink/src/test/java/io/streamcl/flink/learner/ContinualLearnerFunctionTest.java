package io.streamcl.flink.learner;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamcl.core.learner.LearnerConfig;
import io.streamcl.flink.config.LearnerSettings;
import io.streamcl.flink.serde.StreamExample;
import io.streamcl.schemas.EvaluationEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** Tests {@link ContinualLearnerFunction} in Flink's operator harness: learning, reporting, snapshot and restore. */
class ContinualLearnerFunctionTest {
    private static final LearnerConfig CONFIG = LearnerSettings.parse(Map.of(
            LearnerSettings.INPUTS, "2", LearnerSettings.CLASSES, "3", LearnerSettings.HIDDEN, "16",
            LearnerSettings.OPTIMIZER, "sgd(lr=0.1)", LearnerSettings.BATCH_SIZE, "8"));

    @Test
    void reportsEveryKUpdatesPerKeyAndLearns() throws Exception {
        try (var harness = harness()) {
            harness.open();
            List<StreamExample> stream = stream(4000, 1);
            for (StreamExample e : stream) {
                harness.processElement(e, e.eventTime);
            }
            List<EvaluationEvent> events = events(harness);
            assertThat(events).hasSize(4000 / 8 / 10);
            EvaluationEvent last = events.get(events.size() - 1);
            assertThat(last.getKey()).isEqualTo("k");
            assertThat(last.getModelStep()).isEqualTo(500);
            assertThat(last.getExamplesSeen()).isEqualTo(4000);
            assertThat(last.getConfigHash()).isEqualTo(CONFIG.hash());
            assertThat(last.getOnlineAccuracy()).isGreaterThan(0.9);
            assertThat(last.getTrainLoss()).isLessThan(events.get(0).getTrainLoss());
        }
    }

    @Test
    void snapshotRestoreContinuesExactlyLikeAnUninterruptedRun() throws Exception {
        List<StreamExample> stream = stream(1203, 2);
        List<EvaluationEvent> uninterrupted;
        try (var harness = harness()) {
            harness.open();
            for (StreamExample e : stream) {
                harness.processElement(e, e.eventTime);
            }
            uninterrupted = events(harness);
        }

        List<EvaluationEvent> interrupted = new ArrayList<>();
        OperatorSubtaskState snapshot;
        try (var first = harness()) {
            first.open();
            for (StreamExample e : stream.subList(0, 605)) {
                first.processElement(e, e.eventTime);
            }
            snapshot = first.snapshot(1, 1);
            interrupted.addAll(events(first));
        }
        try (var second = harness()) {
            second.initializeState(snapshot);
            second.open();
            for (StreamExample e : stream.subList(605, stream.size())) {
                second.processElement(e, e.eventTime);
            }
            interrupted.addAll(events(second));
        }
        assertThat(interrupted).isEqualTo(uninterrupted);
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, StreamExample, EvaluationEvent> harness()
            throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new ContinualLearnerFunction(CONFIG, 10)), e -> e.key, Types.STRING);
    }

    private static List<EvaluationEvent> events(
            KeyedOneInputStreamOperatorTestHarness<String, StreamExample, EvaluationEvent> harness) {
        return new ArrayList<>(harness.extractOutputValues());
    }

    /** Three well-separated 2-D clusters, one per class. */
    static List<StreamExample> stream(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<StreamExample> examples = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            StreamExample e = new StreamExample();
            e.key = "k";
            e.seq = i;
            e.eventTime = 1_000_000L + i;
            e.label = random.nextInt(3);
            double angle = 2 * Math.PI * e.label / 3;
            e.features = new float[] {
                (float) (2 * Math.cos(angle) + 0.3 * random.nextGaussian()),
                (float) (2 * Math.sin(angle) + 0.3 * random.nextGaussian())
            };
            examples.add(e);
        }
        return examples;
    }
}
