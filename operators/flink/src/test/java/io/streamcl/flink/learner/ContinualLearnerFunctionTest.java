package io.streamcl.flink.learner;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamcl.core.learner.ContinualLearnerConfig;
import io.streamcl.flink.config.LearnerSettings;
import io.streamcl.flink.serde.StreamExample;
import io.streamcl.schemas.EvaluationEvent;
import io.streamcl.schemas.EvaluationTrigger;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Tests {@link ContinualLearnerFunction} in Flink's operator harness: learning, reporting, snapshot and restore. */
class ContinualLearnerFunctionTest {
    private static final ContinualLearnerConfig CONFIG = LearnerSettings.parse(Map.of(
            LearnerSettings.INPUTS, "2", LearnerSettings.CLASSES, "3", LearnerSettings.HIDDEN, "16",
            LearnerSettings.OPTIMIZER, "sgd(lr=0.1)", LearnerSettings.BATCH_SIZE, "8", LearnerSettings.EVAL_EVERY, "10",
            LearnerSettings.EVAL_HOLDOUT, "0.1", LearnerSettings.EVAL_SAMPLES, "100"));
    private static final ContinualLearnerConfig EVERY_UPDATE = LearnerSettings.parse(Map.of(
            LearnerSettings.INPUTS, "2", LearnerSettings.CLASSES, "3", LearnerSettings.HIDDEN, "16",
            LearnerSettings.BATCH_SIZE, "8", LearnerSettings.EVAL_EVERY, "1"));
    private static final ContinualLearnerConfig TWO_TASKS = LearnerSettings.parse(Map.of(
            LearnerSettings.INPUTS, "2", LearnerSettings.CLASSES, "3", LearnerSettings.HIDDEN, "16",
            LearnerSettings.BATCH_SIZE, "8", LearnerSettings.EVAL_SAMPLES, "100"));
    private static final Duration FLUSH_AFTER = Duration.ofSeconds(1);

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
        try (var harness = harness(EVERY_UPDATE)) {
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
    void batchesDoNotDependOnArrivalTimingAndAnIdleKeyIsFlushedAfterFlushAfter() throws Exception {
        List<StreamExample> busy = stream(803, 5);
        List<StreamExample> idle = stream(203, 6);
        idle.forEach(e -> e.key = "idle");
        List<EvaluationEvent> atOneInstant;
        try (var harness = harness(EVERY_UPDATE, FLUSH_AFTER)) {
            harness.open();
            for (StreamExample e : busy) {
                harness.processElement(e, e.eventTime);
            }
            atOneInstant = events(harness);
        }
        assertThat(atOneInstant).extracting(EvaluationEvent::getModelStep).last().isEqualTo(803L / 8);

        SplittableRandom jitter = new SplittableRandom(11);
        try (var harness = harness(EVERY_UPDATE, FLUSH_AFTER)) {
            harness.open();
            long now = 0;
            for (int i = 0; i < busy.size(); i++) {
                // gaps up to just below flush-after; the whole stream spans about 400 flush periods
                now += jitter.nextLong(FLUSH_AFTER.toMillis());
                harness.setProcessingTime(now);
                if (i < idle.size()) {
                    harness.processElement(idle.get(i), idle.get(i).eventTime);
                }
                harness.processElement(busy.get(i), busy.get(i).eventTime);
                assertThat(harness.numProcessingTimeTimers()).as("one flush deadline per key").isLessThanOrEqualTo(2);
            }
            List<EvaluationEvent> events = events(harness);
            assertThat(events).filteredOn(e -> e.getKey().equals("k")).as("the same updates and events")
                    .isEqualTo(atOneInstant);
            List<EvaluationEvent> idleEvents = events.stream().filter(e -> e.getKey().equals("idle")).toList();
            assertThat(idleEvents).extracting(EvaluationEvent::getModelStep).last()
                    .as("the idle key's partial batch of 3 was trained once it idled for flush-after")
                    .isEqualTo(203L / 8 + 1);
            assertThat(idleEvents.get(idleEvents.size() - 1).getExamplesSeen()).isEqualTo(203);

            harness.setProcessingTime(now + FLUSH_AFTER.toMillis());
            EvaluationEvent flushed = events(harness).get(events.size());
            assertThat(flushed.getKey()).isEqualTo("k");
            assertThat(flushed.getModelStep()).isEqualTo(803L / 8 + 1);
            assertThat(flushed.getExamplesSeen()).isEqualTo(803);
            assertThat(harness.numProcessingTimeTimers()).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void theEndOfInputTrainsThePendingBatchAndEmitsTheFinalAccuracyMatrixRow(Backend backend) throws Exception {
        List<StreamExample> stream = stream(1203, 2);
        stream.forEach(e -> {
            e.taskId = e.seq < 600 ? 0 : 1;
            e.eval = e.seq % 10 == 0;
        });
        try (var harness = backend.on(harness(TWO_TASKS))) {
            harness.open();
            for (StreamExample e : stream) {
                harness.processElement(e, e.eventTime);
            }
            List<EvaluationEvent> before = events(harness);
            assertThat(before).as("the boundary's row").anySatisfy(e -> assertThat(e.getAggregate().getEndedTask()).isZero());
            assertThat(before.get(before.size() - 1).getAggregate().getEndedTask()).isNull();

            harness.processWatermark(Long.MAX_VALUE);

            List<EvaluationEvent> events = events(harness);
            assertThat(events).hasSize(before.size() + 1);
            EvaluationEvent last = events.get(events.size() - 1);
            // task 0: 540 trained, the boundary trains its partial batch (68 updates); task 1: 542, the last 6 at the end
            assertThat(last.getExamplesSeen()).isEqualTo(1203 - 121);
            assertThat(last.getModelStep()).isEqualTo(68 + 68);
            assertThat(last.getTrigger()).isEqualTo(EvaluationTrigger.END_OF_INPUT);
            assertThat(events).extracting(EvaluationEvent::getTrigger).startsWith(EvaluationTrigger.INITIAL)
                    .containsOnlyOnce(EvaluationTrigger.BOUNDARY, EvaluationTrigger.END_OF_INPUT)
                    .contains(EvaluationTrigger.PERIODIC);
            assertThat(last.getTasks()).extracting(t -> t.getTaskId()).containsExactly(0, 1);
            assertThat(last.getAggregate().getEndedTask()).isEqualTo(1);
            assertThat(last.getAggregate().getAccuracyMatrixRowTasks()).containsExactly(0, 1);
            assertThat(last.getAggregate().getAccuracyMatrixRow()).containsExactly(
                    last.getTasks().get(0).getAccuracy(), last.getTasks().get(1).getAccuracy());
            assertThat(harness.numEventTimeTimers()).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void snapshotRestoreContinuesExactlyLikeAnUninterruptedRun(Backend backend) throws Exception {
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
        try (var first = backend.on(harness())) {
            first.open();
            for (StreamExample e : stream.subList(0, 605)) {
                first.processElement(e, e.eventTime);
            }
            snapshot = first.snapshot(1, 1);
            interrupted.addAll(events(first));
        }
        try (var second = backend.on(harness())) {
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
        return harness(config, Duration.ofHours(1));
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, StreamExample, EvaluationEvent> harness(
            ContinualLearnerConfig config, Duration flushAfter) throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new ContinualLearnerFunction(config, flushAfter)), e -> e.key,
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
