package io.streamcl.flink.learner;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamcl.core.learner.ContinualLearner;
import io.streamcl.core.learner.ContinualLearnerConfig;
import io.streamcl.core.learner.LearnerReport;
import io.streamcl.core.serving.ServingConfig;
import io.streamcl.core.serving.ServingMode;
import io.streamcl.flink.config.KeyLimits;
import io.streamcl.flink.config.LearnerGrid;
import io.streamcl.flink.serde.EvaluationEvents;
import io.streamcl.flink.serde.StreamExample;
import io.streamcl.schemas.EvaluationEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The learner operator queues the examples its learners would only store and hands them over at the next update:
 * with several keys, held-out rows, predictions, a task boundary, a checkpoint taken in the middle of mini-batches
 * (so queues are in them) and the end of input, every key's events are exactly those of a core learner handed each
 * of its examples at once, on both state backends.
 */
class QueuedExamplesTest {
    private static final ContinualLearnerConfig CONFIG = AsyncEvaluationHarnessTest.CONFIG;

    @ParameterizedTest
    @EnumSource(Backend.class)
    void eventsAreThoseOfTheCoreLearnerThroughACheckpointMidBatch(Backend backend) throws Exception {
        List<StreamExample> stream = AsyncEvaluationHarnessTest.stream();
        Map<String, List<String>> emitted = new LinkedHashMap<>();
        OperatorSubtaskState checkpoint = null;
        // one restore: a harness cannot restore the second of a chain of incremental RocksDB checkpoints
        int[] checkpoints = {stream.size() / 2 + 5, stream.size()};
        int from = 0;
        for (int until : checkpoints) {
            try (var harness = backend.on(harness())) {
                if (checkpoint != null) {
                    harness.initializeState(checkpoint);
                }
                harness.open();
                for (StreamExample e : stream.subList(from, until)) {
                    harness.processElement(e, e.eventTime);
                }
                if (until == stream.size()) {
                    harness.processWatermark(Long.MAX_VALUE);
                } else {
                    harness.prepareSnapshotPreBarrier(until);
                    checkpoint = harness.snapshot(until, until);
                }
                for (Object element : harness.getOutput()) {
                    if (element instanceof StreamRecord<?> record
                            && record.getValue() instanceof EvaluationEvent event) {
                        emitted.computeIfAbsent(event.getKey(), k -> new ArrayList<>()).add(event.toString());
                    }
                }
            }
            from = until;
        }
        Map<String, List<String>> expected = coreEvents(stream);
        assertThat(expected.get("a")).hasSizeGreaterThan(20);
        assertThat(emitted).isEqualTo(expected);
    }

    /** Each key's events from a core learner that observes its labeled examples one by one, then finishes. */
    private static Map<String, List<String>> coreEvents(List<StreamExample> stream) {
        Map<String, ContinualLearner> learners = new LinkedHashMap<>();
        Map<String, List<String>> events = new LinkedHashMap<>();
        for (StreamExample e : stream) {
            ContinualLearner learner = learners.computeIfAbsent(e.key, k -> ContinualLearner.create(CONFIG));
            if (e.label != null) {
                add(events, e.key, learner, learner.observe(e.taskId, e.seq, e.eventTime, e.features, e.label,
                        e.eval));
            }
        }
        learners.forEach((key, learner) -> add(events, key, learner, learner.finish()));
        return events;
    }

    private static void add(Map<String, List<String>> events, String key, ContinualLearner learner,
            List<LearnerReport> reports) {
        for (LearnerReport report : reports) {
            events.computeIfAbsent(key, k -> new ArrayList<>()).add(EvaluationEvents.of(key, CONFIG.learner().hash(),
                    LearnerGrid.DEFAULT_NAME, learner.learner().model().layout(), report).toString());
        }
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, StreamExample, EvaluationEvent> harness()
            throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(new LearnerOperator(new ContinualLearnerFunction(CONFIG,
                Duration.ofHours(1), KeyLimits.DEFAULTS, LearnerGrid.DEFAULT_NAME, ServingConfig.of(ServingMode.RAW))),
                e -> e.key, Types.STRING);
    }
}
