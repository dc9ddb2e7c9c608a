package io.streamcl.flink.learner;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamcl.core.learner.ContinualLearnerConfig;
import io.streamcl.core.serving.ServingConfig;
import io.streamcl.flink.config.KeyLimits;
import io.streamcl.flink.config.LearnerGrid;
import io.streamcl.flink.config.LearnerSettings;
import io.streamcl.flink.config.ServeSettings;
import io.streamcl.flink.serde.StreamExample;
import io.streamcl.schemas.EvaluationEvent;
import io.streamcl.schemas.Prediction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code eval.async=true} in the learner operator: with more keys than may evaluate at once, predictions, two tasks, a checkpoint in the
 * middle and the end of input, every key's events and predictions are those of synchronous evaluation, the
 * checkpoint holds the same state (a restore under either setting continues identically), and the events emitted
 * before the checkpoint are the same (the barrier waits for every evaluation in flight).
 */
class AsyncEvaluationHarnessTest {
    /** Evaluation costs many times an update here, so evaluations are in flight while later examples train. */
    static final ContinualLearnerConfig CONFIG = LearnerSettings.parse(Map.of(
            LearnerSettings.INPUTS, "2", LearnerSettings.CLASSES, "3", LearnerSettings.HIDDEN, "64,64",
            LearnerSettings.OPTIMIZER, "sgd(lr=0.1)+ema(ramp=10)", LearnerSettings.BATCH_SIZE, "8",
            LearnerSettings.EVAL_EVERY, "2", LearnerSettings.EVAL_SAMPLES, "200"));
    /** The EMA weights serve from each boundary's evaluation on, so a prediction depends on the evaluations before it. */
    private static final ServingConfig SERVING = ServeSettings.parse(Map.of(ServeSettings.BOUNDARY_EMA, "true"));
    static final List<String> KEYS = List.of("a", "b", "c", "d", "e", "f");
    private static final int PER_KEY = 500;
    private static final int CHECKPOINT_AT = KEYS.size() * PER_KEY / 2 + 1;

    /** What a run emitted: events and predictions as text per key, and how many events came before the checkpoint. */
    private record Run(Map<String, List<String>> events, Map<String, List<String>> predictions,
            Map<String, Integer> eventsBeforeCheckpoint, long emittedForOtherKeys) {}

    @ParameterizedTest
    @EnumSource(Backend.class)
    void eventsPredictionsAndCheckpointMatchSynchronousEvaluation(Backend backend) throws Exception {
        List<StreamExample> stream = stream();
        Run sync = run(stream, backend, false, false);
        Run async = run(stream, backend, true, true);

        assertThat(sync.events().get("a")).hasSizeGreaterThan(20);
        assertThat(async.events()).isEqualTo(sync.events());
        assertThat(async.predictions()).isEqualTo(sync.predictions());
        assertThat(async.eventsBeforeCheckpoint()).isEqualTo(sync.eventsBeforeCheckpoint());
        if (backend == Backend.HASHMAP) {
            assertThat(async.emittedForOtherKeys()).as("events emitted by the operator for keys other than the"
                    + " element's: evaluations were in flight").isPositive();
        } else {
            assertThat(async.emittedForOtherKeys()).as("synchronous fallback on a serialised backend").isZero();
        }
    }

    @Test
    void aCheckpointOfEitherSettingRestoresUnderTheOther() throws Exception {
        List<StreamExample> stream = stream();
        Run sync = run(stream, Backend.HASHMAP, false, false);
        for (Run mixed : List.of(run(stream, Backend.HASHMAP, true, false), run(stream, Backend.HASHMAP, false, true))) {
            assertThat(mixed.events()).isEqualTo(sync.events());
            assertThat(mixed.predictions()).isEqualTo(sync.predictions());
            assertThat(mixed.eventsBeforeCheckpoint()).isEqualTo(sync.eventsBeforeCheckpoint());
        }
    }

    /** Runs the stream up to a checkpoint with {@code asyncBefore}, restores it with {@code asyncAfter}, ends it. */
    private static Run run(List<StreamExample> stream, Backend backend, boolean asyncBefore, boolean asyncAfter)
            throws Exception {
        List<StreamRecord<EvaluationEvent>> events = new ArrayList<>();
        List<Prediction> predictions = new ArrayList<>();
        Map<String, Integer> beforeCheckpoint = new LinkedHashMap<>();
        OperatorSubtaskState checkpoint;
        try (var first = backend.on(harness(asyncBefore))) {
            first.open();
            for (StreamExample e : stream.subList(0, CHECKPOINT_AT)) {
                first.processElement(e, e.eventTime);
            }
            // as a task does before it sends the barrier (the harness's snapshot() alone does not)
            first.prepareSnapshotPreBarrier(1);
            checkpoint = first.snapshot(1, 1);
            collect(first, events, predictions);
            byKey(events.stream().map(StreamRecord::getValue).toList(), EvaluationEvent::getKey)
                    .forEach((key, list) -> beforeCheckpoint.put(key, list.size()));
        }
        try (var second = backend.on(harness(asyncAfter))) {
            second.initializeState(checkpoint);
            second.open();
            for (StreamExample e : stream.subList(CHECKPOINT_AT, stream.size())) {
                second.processElement(e, e.eventTime);
            }
            second.processWatermark(Long.MAX_VALUE);
            collect(second, events, predictions);
        }
        long otherKeys = events.stream().filter(r -> !r.hasTimestamp()).count();
        return new Run(byKey(events.stream().map(StreamRecord::getValue).toList(), EvaluationEvent::getKey),
                byKey(predictions, Prediction::getKey), beforeCheckpoint, otherKeys);
    }

    private static void collect(KeyedOneInputStreamOperatorTestHarness<String, StreamExample, EvaluationEvent> harness,
            List<StreamRecord<EvaluationEvent>> events, List<Prediction> predictions) {
        for (Object element : harness.getOutput()) {
            if (element instanceof StreamRecord<?> record) {
                @SuppressWarnings("unchecked")
                StreamRecord<EvaluationEvent> event = (StreamRecord<EvaluationEvent>) record;
                events.add(event);
            }
        }
        var side = harness.getSideOutput(ContinualLearnerFunction.PREDICTIONS);
        if (side != null) {
            side.forEach(record -> predictions.add(record.getValue()));
        }
    }

    /** Each key's records as text (every figure in full), in emission order. */
    private static <T> Map<String, List<String>> byKey(List<T> records, java.util.function.Function<T, String> key) {
        Map<String, List<String>> grouped = new LinkedHashMap<>();
        for (String k : KEYS) {
            grouped.put(k, new ArrayList<>());
        }
        records.forEach(r -> grouped.get(key.apply(r)).add(r.toString()));
        return grouped;
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, StreamExample, EvaluationEvent> harness(
            boolean async) throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(new LearnerOperator(
                new ContinualLearnerFunction(CONFIG, Duration.ofHours(1), KeyLimits.DEFAULTS, LearnerGrid.DEFAULT_NAME,
                        SERVING).evaluateAsync(async)),
                e -> e.key, Types.STRING);
    }

    /**
     * The keys interleaved, each with two tasks, every tenth example held out and every 97th unlabeled (a
     * prediction, which must see the weights choice of every evaluation before it), and one unlabeled just after
     * each key's task boundary.
     */
    static List<StreamExample> stream() {
        List<List<StreamExample>> perKey = new ArrayList<>();
        for (int k = 0; k < KEYS.size(); k++) {
            List<StreamExample> own = ContinualLearnerFunctionTest.stream(PER_KEY, 11 + k);
            for (StreamExample e : own) {
                e.key = KEYS.get(k);
                e.taskId = e.seq < PER_KEY / 2 ? 0 : 1;
                e.eval = e.seq % 10 == 0;
                if (e.seq % 97 == 96) {
                    e.label = null;
                }
            }
            perKey.add(own);
        }
        List<StreamExample> stream = new ArrayList<>();
        for (int i = 0; i < PER_KEY; i++) {
            for (List<StreamExample> own : perKey) {
                StreamExample e = own.get(i);
                stream.add(e);
                if (e.seq == PER_KEY / 2 + 1) {
                    // right after the first trained example of task 1, whose boundary evaluation makes EMA serve
                    StreamExample unlabeled = ContinualLearnerFunctionTest.stream(1, 99).get(0);
                    unlabeled.key = e.key;
                    unlabeled.label = null;
                    stream.add(unlabeled);
                }
            }
        }
        return stream;
    }
}
