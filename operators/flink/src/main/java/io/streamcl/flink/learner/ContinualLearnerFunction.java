package io.streamcl.flink.learner;

import io.streamcl.core.learner.BatchResult;
import io.streamcl.core.learner.LearnerConfig;
import io.streamcl.core.learner.LearnerState;
import io.streamcl.flink.config.LearnerSettings;
import io.streamcl.flink.serde.EvaluationEvents;
import io.streamcl.flink.serde.StreamExample;
import io.streamcl.schemas.EvaluationEvent;
import java.util.LinkedHashMap;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Per learner key: trains the key's model on its labeled examples (test-then-train) and emits an {@link
 * EvaluationEvent} every {@code reportEvery} updates. A thin shell: the learning is in {@code operators/core}.
 */
public class ContinualLearnerFunction extends KeyedProcessFunction<String, StreamExample, EvaluationEvent> {
    /** Name of the keyed state; part of the savepoint format, never rename. */
    public static final String STATE_NAME = "learner";

    /** The config travels to the cluster as settings text: core configs are not Java-serializable by design. */
    private final LinkedHashMap<String, String> settings;
    private final int reportEvery;
    private transient LearnerConfig config;
    private transient ValueState<LearnerState> state;
    private transient Counter skipped;

    public ContinualLearnerFunction(LearnerConfig config, int reportEvery) {
        if (reportEvery < 1) {
            throw new IllegalArgumentException("learner.report-every must be positive, got " + reportEvery);
        }
        this.settings = new LinkedHashMap<>(LearnerSettings.format(config));
        this.reportEvery = reportEvery;
    }

    @Override
    public void open(OpenContext context) {
        config = LearnerSettings.parse(settings);
        state = getRuntimeContext().getState(new ValueStateDescriptor<>(STATE_NAME, new LearnerStateSerializer(config)));
        skipped = getRuntimeContext().getMetricGroup().counter("examplesNotTrainedOn");
    }

    @Override
    public void processElement(StreamExample example, Context ctx, Collector<EvaluationEvent> out) throws Exception {
        if (example.label == null || example.eval) {
            // Held-out and unlabeled examples are for evaluation and prediction, which are not wired yet.
            skipped.inc();
            return;
        }
        LearnerState current = state.value();
        if (current == null) {
            current = LearnerState.create(config);
        }
        current.observeEventTime(example.eventTime);
        if (current.learner().add(example.features, example.label)) {
            BatchResult result = current.learner().update();
            current.progress().add(result);
            if (result.step() % reportEvery == 0) {
                out.collect(EvaluationEvents.of(ctx.getCurrentKey(), current, current.progress().drain(), example.taskId));
            }
        }
        state.update(current);
    }
}
