package io.streamcl.flink.learner;

import io.streamcl.flink.serde.StreamExample;
import io.streamcl.schemas.EvaluationEvent;
import java.util.stream.Stream;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;

/**
 * Runs a {@link ContinualLearnerFunction} and, once its state is restored, tells it how many learners this subtask
 * holds, so the per-subtask learner limit stays exact across restores and rescaling (a function cannot list the
 * keys of its state; an operator can).
 */
public final class LearnerOperator extends KeyedProcessOperator<String, StreamExample, EvaluationEvent> {
    private final ContinualLearnerFunction function;

    public LearnerOperator(ContinualLearnerFunction function) {
        super(function);
        this.function = function;
    }

    @Override
    public void open() throws Exception {
        super.open();
        try (Stream<Object> keys = getKeyedStateBackend().getKeys(ContinualLearnerFunction.STATE_NAME,
                VoidNamespace.INSTANCE)) {
            function.restoredLearners(keys.count());
        }
    }
}
