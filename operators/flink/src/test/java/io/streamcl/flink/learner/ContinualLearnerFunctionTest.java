package io.streamcl.flink.learner;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamcl.core.learner.ContinualLearnerConfig;
import io.streamcl.flink.config.LearnerSettings;
import io.streamcl.flink.serde.StreamExample;
import io.streamcl.schemas.EvaluationEvent;
import java.time.Duration;
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
    private static final ContinualLearnerConfig CONFIG = LearnerSettings.parse(Map.of(
            LearnerSettings.INPUTS, "2", LearnerSettings.CLASSES, "3", LearnerSettings.HIDDEN, "16",
            LearnerSettings.OPTIMIZER, "sgd(lr=0.1)", LearnerSettings.BATCH_SIZE, "8", LearnerSettings.EVAL_EVERY, "10",
            LearnerSettings.EVAL_HOLDOUT, "0.1", LearnerSettings.EVAL_SAMPLES, "100"));

    @Test
    void evaluatesEveryTenUpdatesOnHeldOutExamplesAndPredictsUnlabeledOnes() throws Exception {
        try (var harness = harness()) {
            harness.open();
            for (StreamExample e : stream(4000, 1)) {
                harness.processElement(e, e.eventTime);
            }
            StreamExample unlabeled = stream(1, 9).get(0);
            unlabeled.label = null;
            harness.processElement(unlabeled, 0);

            List<EvaluationEvent> events = events(harness);
            EvaluationEvent last = events.get(events.size() - 1);
            assertThat(events).hasSize(1 + (int) (last.getModelStep() / 10));
            assertThat(last.getModelStep()).isBetween(430L, 470L);
            assertThat(last.getKey()).isEqualTo("k");
            assertThat(last.getConfigHash()).isEqualTo(CONFIG.learner().hash());
            assertThat(last.getOnlineAccuracy()).isGreaterThan(0.9);
            assertThat(last.getTasks()).singleElement().satisfies(task -> {
                assertThat(task.getTaskId()).isZero();
                assertThat(task.getSamples()).isEqualTo(100);
                assertThat(task.getAccuracy()).isGreaterThan(0.9);
                assertThat(task.getEmaAccuracy()).as("no EMA configured").isNull();
            });
            assertThat(last.getAggregate().getAvgAccuracy()).isEqualTo(last.getTasks().get(0).getAccuracy());
            assertThat(last.getEmaAggregate()).as("no EMA configured").isNull();
            assertThat(harness.getSideOutput(ContinualLearnerFunction.PREDICTIONS)).singleElement().satisfies(p -> {
                assertThat(p.getValue().getModelStep()).isBetween(last.getModelStep(), last.getModelStep() + 9);
                assertThat(p.getValue().getProbabilities()).hasSize(3);
            });
        }
    }

    @Test
    void reportsTheEmaWeightsAccuracyWhenTheOptimizerKeepsThem() throws Exception {
        ContinualLearnerConfig ema = LearnerSettings.parse(Map.of(
                LearnerSettings.INPUTS, "2", LearnerSettings.CLASSES, "3", LearnerSettings.HIDDEN, "16",
                LearnerSettings.OPTIMIZER, "sgd(lr=0.1)+ema(ramp=10)", LearnerSettings.BATCH_SIZE, "8",
                LearnerSettings.REPLAY, "reservoir(capacity=100,batch=8)", LearnerSettings.EVAL_HOLDOUT, "0.1",
                LearnerSettings.EVAL_SAMPLES, "100"));
        try (var harness = harness(ema)) {
            harness.open();
            for (StreamExample e : stream(2000, 4)) {
                harness.processElement(e, e.eventTime);
            }
            List<EvaluationEvent> events = events(harness);
            EvaluationEvent last = events.get(events.size() - 1);
            assertThat(last.getTasks()).singleElement()
                    .satisfies(task -> assertThat(task.getEmaAccuracy()).isGreaterThan(0.8));
            assertThat(last.getEmaAggregate().getAvgAccuracy()).as("the EMA weights' metrics, one task")
                    .isEqualTo(last.getTasks().get(0).getEmaAccuracy());
            assertThat(last.getEmaAggregate().getWorstCaseAccuracy()).isEqualTo(last.getTasks().get(0).getEmaAccuracy());
            assertThat(last.getEmaAggregate().getWindowedPlasticity10()).isNotNull();
        }
    }

    @Test
    void aTimerTrainsAPartialBatchOfASlowStream() throws Exception {
        ContinualLearnerConfig everyUpdate = LearnerSettings.parse(Map.of(
                LearnerSettings.INPUTS, "2", LearnerSettings.CLASSES, "3", LearnerSettings.HIDDEN, "16",
                LearnerSettings.BATCH_SIZE, "8", LearnerSettings.EVAL_EVERY, "1"));
        try (var harness = harness(everyUpdate)) {
            harness.open();
            for (StreamExample e : stream(3, 3)) {
                e.seq = e.seq + 1000;
                harness.processElement(e, e.eventTime);
            }
            assertThat(harness.numProcessingTimeTimers()).isEqualTo(1);
            harness.setProcessingTime(Duration.ofHours(2).toMillis());
            List<EvaluationEvent> events = events(harness);
            assertThat(events.get(events.size() - 1).getModelStep()).isEqualTo(1);
            assertThat(events.get(events.size() - 1).getExamplesSeen()).isEqualTo(3);
            assertThat(harness.numProcessingTimeTimers()).isZero();
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
        return harness(CONFIG);
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, StreamExample, EvaluationEvent> harness(
            ContinualLearnerConfig config) throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new ContinualLearnerFunction(config, Duration.ofHours(1))), e -> e.key,
                Types.STRING);
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
