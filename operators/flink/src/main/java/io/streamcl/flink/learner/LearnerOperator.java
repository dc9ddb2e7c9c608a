package io.streamcl.flink.learner;

import io.streamcl.flink.serde.StreamExample;
import io.streamcl.schemas.EvaluationEvent;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.runtime.state.heap.HeapKeyedStateBackend;
import org.apache.flink.streaming.api.operators.InternalTimer;
import org.apache.flink.streaming.api.operators.InternalTimerService;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.operators.TimestampedCollector;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link ContinualLearnerFunction} and, once its state is restored, tells it how many learners this subtask
 * holds, so the per-subtask learner limit stays exact across restores and rescaling (a function cannot list the
 * keys of its state; an operator can), and gives every restored learner its end-of-input timer.
 *
 * <p>With evaluations on an evaluator thread ({@code eval.async}) it emits the finished ones of every key after each
 * element and timer, and waits for all of them before a checkpoint barrier ({@link #prepareSnapshotPreBarrier}, so
 * the checkpointed learners and the events emitted before the barrier agree, as exactly-once sinks need) and at the
 * end of input. Emitting for a key other than the element's needs that key's keyed state (its weights selector), so
 * it makes each such key the current one in turn, which only an operator can.
 */
public final class LearnerOperator extends KeyedProcessOperator<String, StreamExample, EvaluationEvent> {
    /** The timer service name {@link KeyedProcessOperator} gives its function's timers. */
    private static final String USER_TIMERS = "user-timers";
    private static final Logger LOG = LoggerFactory.getLogger(LearnerOperator.class);
    /**
     * Most keys with evaluations in flight at once; beyond, the oldest are waited for. Each evaluation holds a copy
     * of its weights and held-out rows (~6 MB for the default model with ten tasks) and the one evaluator thread
     * scores them in turn, so a longer queue would cost memory without hiding more.
     */
    static final int MAX_KEYS_EVALUATING = 4;
    private final ContinualLearnerFunction function;
    /** Emits events of keys other than the element's: they carry their key, and no element's timestamp. */
    private transient TimestampedCollector<EvaluationEvent> evaluated;

    public LearnerOperator(ContinualLearnerFunction function) {
        super(function);
        this.function = function;
    }

    @Override
    public void open() throws Exception {
        if (function.evaluatesAsync() && !(getKeyedStateBackend() instanceof HeapKeyedStateBackend)) {
            // every access of a serialised backend writes the learner, which an evaluation in flight forbids
            LOG.warn("eval.async=true needs the hashmap state backend; this subtask's state backend is {}, so it"
                    + " evaluates synchronously", getKeyedStateBackend().getClass().getSimpleName());
            function.evaluateAsync(false);
        }
        super.open();
        evaluated = new TimestampedCollector<>(output);
        evaluated.eraseTimestamp();
        List<Object> restored;
        try (Stream<Object> keys = getKeyedStateBackend().getKeys(ContinualLearnerFunction.STATE_NAME,
                VoidNamespace.INSTANCE)) {
            restored = keys.toList();
        }
        function.restoredLearners(restored.size());
        // Savepoints written before the end-of-input timer existed restore learners without one; registering it
        // again is a no-op for the others (a key has at most one timer per timestamp).
        InternalTimerService<VoidNamespace> timers =
                getInternalTimerService(USER_TIMERS, VoidNamespaceSerializer.INSTANCE, this);
        for (Object key : restored) {
            setCurrentKey(key);
            timers.registerEventTimeTimer(VoidNamespace.INSTANCE, ContinualLearnerFunction.END_OF_INPUT);
        }
    }

    @Override
    public void processElement(StreamRecord<StreamExample> element) throws Exception {
        super.processElement(element);
        emitEvaluated(false);
    }

    @Override
    public void onEventTime(InternalTimer<String, VoidNamespace> timer) throws Exception {
        super.onEventTime(timer);
        emitEvaluated(false);
    }

    @Override
    public void onProcessingTime(InternalTimer<String, VoidNamespace> timer) throws Exception {
        super.onProcessingTime(timer);
        emitEvaluated(false);
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        emitEvaluated(true);
        super.prepareSnapshotPreBarrier(checkpointId);
    }

    @Override
    public void finish() throws Exception {
        emitEvaluated(true);
        super.finish();
    }

    /**
     * Emits the finished evaluations of every key that has some in flight ({@code all}: waits for every one, as do
     * the oldest keys beyond {@link #MAX_KEYS_EVALUATING}).
     */
    private void emitEvaluated(boolean all) throws Exception {
        List<String> keys = function.keysEvaluating();
        if (keys.isEmpty()) {
            return;
        }
        Object current = getCurrentKey();
        for (int i = 0; i < keys.size(); i++) {
            setCurrentKey(keys.get(i));
            function.emitEvaluated(keys.get(i), all || i < keys.size() - MAX_KEYS_EVALUATING, evaluated);
        }
        if (current != null) {
            setCurrentKey(current);
        }
    }
}
