package io.streamcl.flink.learner;

import io.streamcl.core.learner.ContinualLearner;
import io.streamcl.core.learner.ContinualLearnerConfig;
import io.streamcl.core.learner.LearnerReport;
import io.streamcl.flink.config.LearnerSettings;
import io.streamcl.flink.serde.EvaluationEvents;
import io.streamcl.flink.serde.Predictions;
import io.streamcl.flink.serde.StreamExample;
import io.streamcl.schemas.AggregateMetrics;
import io.streamcl.schemas.EvaluationEvent;
import io.streamcl.schemas.Prediction;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Per learner key: runs the core {@link ContinualLearner} on the key's examples and emits an {@link
 * EvaluationEvent} for every continual evaluation, and a {@link Prediction} for every unlabeled example. A thin
 * shell: it owns state, timers, metrics and output; the learning and the metrics are in {@code operators/core}.
 *
 * <p>Examples without a task id form a task-free stream, cut into segments by the core's loss-based boundary
 * detector.
 */
public class ContinualLearnerFunction extends KeyedProcessFunction<String, StreamExample, EvaluationEvent> {
    /** Name of the keyed state; part of the savepoint format, never rename. */
    public static final String STATE_NAME = "learner";

    /** Predictions for unlabeled examples. */
    public static final OutputTag<Prediction> PREDICTIONS =
            new OutputTag<>("predictions", TypeInformation.of(Prediction.class));

    /** The config travels to the cluster as settings text: core configs are not Java-serializable by design. */
    private final LinkedHashMap<String, String> settings;
    private final long flushAfterMillis;
    private transient ContinualLearnerConfig config;
    private transient String configHash;
    private transient ValueState<ContinualLearner> state;
    private transient Counter heldOut;
    private transient volatile EvaluationEvent latest;
    private transient LearnerMetrics perKey;

    /**
     * @param flushAfter how long a partial mini-batch may wait for more examples before it is trained anyway
     *     (processing time), so slow streams still learn
     */
    public ContinualLearnerFunction(ContinualLearnerConfig config, Duration flushAfter) {
        if (flushAfter.isNegative() || flushAfter.isZero()) {
            throw new IllegalArgumentException("learner flush-after must be positive, got " + flushAfter);
        }
        this.settings = new LinkedHashMap<>(LearnerSettings.format(config));
        this.flushAfterMillis = flushAfter.toMillis();
    }

    @Override
    public void open(OpenContext context) {
        config = LearnerSettings.parse(settings);
        configHash = config.learner().hash();
        state = getRuntimeContext().getState(new ValueStateDescriptor<>(STATE_NAME, new LearnerStateSerializer(config)));
        MetricGroup metrics = getRuntimeContext().getMetricGroup();
        heldOut = metrics.counter("examplesHeldOut");
        gauge(metrics, "avgAccuracy", AggregateMetrics::getAvgAccuracy);
        gauge(metrics, "minAccuracy", AggregateMetrics::getMinAccuracy);
        gauge(metrics, "worstCaseAccuracy", AggregateMetrics::getWorstCaseAccuracy);
        metrics.gauge("onlineAccuracy", (Gauge<Double>) () -> latest == null ? null : latest.getOnlineAccuracy());
        metrics.gauge("modelStep", (Gauge<Long>) () -> latest == null ? 0L : latest.getModelStep());
        perKey = new LearnerMetrics(metrics);
    }

    private void gauge(MetricGroup group, String name, java.util.function.Function<AggregateMetrics, Double> value) {
        group.gauge(name, (Gauge<Double>) () -> latest == null || latest.getAggregate() == null
                ? null : value.apply(latest.getAggregate()));
    }

    @Override
    public void processElement(StreamExample example, Context ctx, Collector<EvaluationEvent> out) throws Exception {
        ContinualLearner learner = state.value();
        if (learner == null) {
            learner = ContinualLearner.create(config);
        }
        if (example.label == null) {
            ctx.output(PREDICTIONS, Predictions.of(example, learner.learner().step(), configHash,
                    learner.predict(example.features)));
            state.update(learner);
            return;
        }
        if (example.eval) {
            heldOut.inc();
        }
        int pendingBefore = learner.learner().pending();
        emit(ctx.getCurrentKey(), learner, learner.observe(example.taskId, example.seq, example.eventTime, example.features,
                example.label, example.eval), out);
        if (pendingBefore == 0 && learner.learner().pending() > 0) {
            ctx.timerService().registerProcessingTimeTimer(
                    ctx.timerService().currentProcessingTime() + flushAfterMillis);
        }
        state.update(learner);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<EvaluationEvent> out) throws Exception {
        ContinualLearner learner = state.value();
        if (learner != null && learner.learner().pending() > 0) {
            emit(ctx.getCurrentKey(), learner, learner.flush(), out);
            state.update(learner);
        }
    }

    private void emit(String key, ContinualLearner learner, List<LearnerReport> reports,
            Collector<EvaluationEvent> out) {
        for (LearnerReport report : reports) {
            latest = EvaluationEvents.of(key, configHash, learner.learner().model().layout(), report);
            perKey.update(latest);
            out.collect(latest);
        }
    }
}
