package io.streamcl.flink.learner;

import io.streamcl.core.learner.ContinualLearner;
import io.streamcl.core.learner.ContinualLearnerConfig;
import io.streamcl.core.learner.LearnerReport;
import io.streamcl.core.model.NativeBackend;
import io.streamcl.flink.config.KeyLimits;
import io.streamcl.flink.config.LearnerSettings;
import io.streamcl.flink.serde.DeadLetters;
import io.streamcl.flink.serde.EvaluationEvents;
import io.streamcl.flink.serde.KafkaRecord;
import io.streamcl.flink.serde.Predictions;
import io.streamcl.flink.serde.StreamExample;
import io.streamcl.schemas.AggregateMetrics;
import io.streamcl.schemas.DeadLetter;
import io.streamcl.schemas.EvaluationEvent;
import io.streamcl.schemas.Prediction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
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
 *
 * <p>Key hygiene ({@link KeyLimits}): a record for a new key when the subtask already holds {@code maxLearners}
 * learners goes to {@link #DEAD_LETTERS}; with an idle expiry, a learner without examples for that long is
 * dropped and counted in {@code learnersExpired}. Run it in a {@link LearnerOperator}, which counts the learners a
 * restore brings back. ND4J's natives load in {@link #open} through {@link NativeBackend}, before any example, so
 * a failover that interrupts the task cannot leave them broken.
 */
public class ContinualLearnerFunction extends KeyedProcessFunction<String, StreamExample, EvaluationEvent> {
    /** Name of the keyed state; part of the savepoint format, never rename. */
    public static final String STATE_NAME = "learner";

    /** Predictions for unlabeled examples. */
    public static final OutputTag<Prediction> PREDICTIONS =
            new OutputTag<>("predictions", TypeInformation.of(Prediction.class));

    /** Records for new keys beyond the subtask's learner limit (the same tag as the decoder's). */
    public static final OutputTag<DeadLetter> DEAD_LETTERS =
            new OutputTag<>("dead-letters", TypeInformation.of(DeadLetter.class));

    /** Name of the keyed state holding when each learner last received an example (only with an idle expiry). */
    public static final String LAST_ACTIVE_STATE_NAME = "last-active";

    /** The config travels to the cluster as settings text: core configs are not Java-serializable by design. */
    private final LinkedHashMap<String, String> settings;
    private final long flushAfterMillis;
    private final KeyLimits keys;
    private transient ContinualLearnerConfig config;
    private transient String configHash;
    private transient ValueState<ContinualLearner> state;
    private transient Counter heldOut;
    private transient ValueState<Long> lastActive;
    private transient long liveLearners;
    private transient Counter expired;
    private transient volatile EvaluationEvent latest;

    /**
     * @param flushAfter how long a partial mini-batch may wait for more examples before it is trained anyway
     *     (processing time), so slow streams still learn
     */
    public ContinualLearnerFunction(ContinualLearnerConfig config, Duration flushAfter) {
        this(config, flushAfter, KeyLimits.DEFAULTS);
    }

    /** @param keys the most learners per subtask and their idle expiry */
    public ContinualLearnerFunction(ContinualLearnerConfig config, Duration flushAfter, KeyLimits keys) {
        if (flushAfter.isNegative() || flushAfter.isZero()) {
            throw new IllegalArgumentException("learner flush-after must be positive, got " + flushAfter);
        }
        this.settings = new LinkedHashMap<>(LearnerSettings.format(config));
        this.flushAfterMillis = flushAfter.toMillis();
        this.keys = keys;
    }

    @Override
    public void open(OpenContext context) throws InterruptedException {
        NativeBackend.load();
        config = LearnerSettings.parse(settings);
        configHash = config.learner().hash();
        state = getRuntimeContext().getState(new ValueStateDescriptor<>(STATE_NAME, new LearnerStateSerializer(config)));
        MetricGroup metrics = getRuntimeContext().getMetricGroup();
        heldOut = metrics.counter("examplesHeldOut");
        lastActive = getRuntimeContext().getState(new ValueStateDescriptor<>(LAST_ACTIVE_STATE_NAME, Types.LONG));
        expired = metrics.counter("learnersExpired");
        metrics.gauge("liveLearners", (Gauge<Long>) () -> liveLearners);
        gauge(metrics, "avgAccuracy", AggregateMetrics::getAvgAccuracy);
        gauge(metrics, "minAccuracy", AggregateMetrics::getMinAccuracy);
        gauge(metrics, "worstCaseAccuracy", AggregateMetrics::getWorstCaseAccuracy);
        metrics.gauge("onlineAccuracy", (Gauge<Double>) () -> latest == null ? null : latest.getOnlineAccuracy());
        metrics.gauge("modelStep", (Gauge<Long>) () -> latest == null ? 0L : latest.getModelStep());
    }

    private void gauge(MetricGroup group, String name, java.util.function.Function<AggregateMetrics, Double> value) {
        group.gauge(name, (Gauge<Double>) () -> latest == null || latest.getAggregate() == null
                ? null : value.apply(latest.getAggregate()));
    }

    @Override
    public void processElement(StreamExample example, Context ctx, Collector<EvaluationEvent> out) throws Exception {
        ContinualLearner learner = state.value();
        if (learner == null) {
            if (liveLearners >= keys.maxLearners()) {
                rejectNewKey(example, ctx);
                return;
            }
            learner = ContinualLearner.create(config);
            liveLearners++;
        }
        if (keys.expires()) {
            touch(ctx);
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
        if (keys.expires() && expireIfIdle(timestamp, ctx)) {
            return;
        }
        ContinualLearner learner = state.value();
        if (learner != null && learner.learner().pending() > 0) {
            emit(ctx.getCurrentKey(), learner, learner.flush(), out);
            state.update(learner);
        }
    }

    /** Called by {@link LearnerOperator} after a restore with the number of learners this subtask got back. */
    void restoredLearners(long count) {
        liveLearners = count;
    }

    private void rejectNewKey(StreamExample example, Context ctx) {
        KafkaRecord source = new KafkaRecord(example.topic, example.partition, example.offset,
                example.key.getBytes(StandardCharsets.UTF_8), null);
        ctx.output(DEAD_LETTERS, DeadLetters.of(source, "too-many-keys", "key '" + example.key + "' would start learner "
                + (liveLearners + 1) + " of this subtask, over the limit of keys.max-learners=" + keys.maxLearners()
                + " (the value is not kept: the learner sees decoded examples only)"));
    }

    /** Records this key's activity; its first activity schedules the idle check. */
    private void touch(Context ctx) throws Exception {
        long now = ctx.timerService().currentProcessingTime();
        if (lastActive.value() == null) {
            ctx.timerService().registerProcessingTimeTimer(now + keys.idleExpiry().toMillis());
        }
        lastActive.update(now);
    }

    /**
     * Drops the key's learner when it has been idle for the expiry, else schedules the next check at the time it
     * would be. Flush timers land here too; a check they trigger early just re-schedules.
     */
    private boolean expireIfIdle(long timestamp, OnTimerContext ctx) throws Exception {
        Long last = lastActive.value();
        if (last == null) {
            return false;
        }
        long due = last + keys.idleExpiry().toMillis();
        if (timestamp < due) {
            ctx.timerService().registerProcessingTimeTimer(due);
            return false;
        }
        state.clear();
        lastActive.clear();
        liveLearners--;
        expired.inc();
        return true;
    }

    private void emit(String key, ContinualLearner learner, List<LearnerReport> reports,
            Collector<EvaluationEvent> out) {
        for (LearnerReport report : reports) {
            latest = EvaluationEvents.of(key, configHash, learner.learner().model().layout(), report);
            out.collect(latest);
        }
    }
}
