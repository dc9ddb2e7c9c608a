package io.streamcl.flink.learner;

import io.streamcl.flink.serde.StreamExample;
import io.streamcl.schemas.EvaluationEvent;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.InternalTimerService;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;

/**
 * Runs a {@link ContinualLearnerFunction} and, once its state is restored, tells it how many learners this subtask
 * holds, so the per-subtask learner limit stays exact across restores and rescaling (a function cannot list the
 * keys of its state; an operator can), and gives every restored learner its end-of-input timer.
 */
public final class LearnerOperator extends KeyedProcessOperator<String, StreamExample, EvaluationEvent> {
    /** The timer service name {@link KeyedProcessOperator} gives its function's timers. */
    private static final String USER_TIMERS = "user-timers";
    private final ContinualLearnerFunction function;

    public LearnerOperator(ContinualLearnerFunction function) {
        super(function);
        this.function = function;
    }

    @Override
    public void open() throws Exception {
        super.open();
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
}
