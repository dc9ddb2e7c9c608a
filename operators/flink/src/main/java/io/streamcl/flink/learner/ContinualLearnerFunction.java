package io.streamcl.flink.learner;

import io.streamcl.core.learner.ContinualLearner;
import io.streamcl.core.learner.ContinualLearnerConfig;
import io.streamcl.core.learner.LearnerReport;
import io.streamcl.core.learner.Position;
import io.streamcl.core.model.NativeBackend;
import io.streamcl.core.serving.ServedWeights;
import io.streamcl.core.serving.ServingConfig;
import io.streamcl.core.serving.ServingMode;
import io.streamcl.core.serving.WeightsSelector;
import io.streamcl.core.state.Features;
import io.streamcl.flink.config.KeyLimits;
import io.streamcl.flink.config.LearnerGrid;
import io.streamcl.flink.config.LearnerSettings;
import io.streamcl.flink.config.ServeSettings;
import io.streamcl.flink.metrics.DeadLetterMetrics;
import io.streamcl.flink.metrics.ExportedMetrics;
import io.streamcl.flink.serde.DeadLetters;
import io.streamcl.flink.serde.EvaluationEvents;
import io.streamcl.flink.serde.KafkaRecord;
import io.streamcl.flink.serde.Predictions;
import io.streamcl.flink.serde.StreamExample;
import io.streamcl.flink.serde.StreamExampleSerializer;
import io.streamcl.schemas.DeadLetter;
import io.streamcl.schemas.EvaluationEvent;
import io.streamcl.schemas.Prediction;
import io.streamcl.schemas.WeightsKind;
import java.nio.charset.StandardCharsets;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.base.LongSerializer;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.TimerService;
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
 * restore brings back. The OpenBLAS natives load in {@link #open} through {@link NativeBackend}, before any example, so
 * a failover that interrupts the task cannot leave them broken.
 * <p>Batching does not depend on the machine's speed: each key keeps one flush deadline (processing time), moved
 * forward on every arrival (its timer re-registered lazily, see {@link #moveDeadline}), so a partial mini-batch is
 * trained only after {@code flushAfter} without a new example for that key. On a stream that never idles that long,
 * batches are always full and the updates and events are those of the examples alone.
 *
 * <p>End of input: each key has an event-time timer at {@link Long#MAX_VALUE}. Flink fires it only on the final
 * watermark that a bounded source (or {@code stop --drain}) sends when the input ends; the job's sources assign no
 * other watermarks. It trains the pending batch and emits the final evaluation ({@link ContinualLearner#finish()}).
 *
 * <p>Predictions come from the weights the key's {@link WeightsSelector} chooses ({@code serve.weights}); it sees
 * every evaluation the key emits and lives in keyed state of its own ({@link #SERVING_STATE_NAME}).
 *
 * <p>With {@code eval.async=true} a subtask scores its learners' continual evaluations on one evaluator thread
 * ({@link ContinualLearner#evaluateOn}), opened in {@link #open} and shut down in {@link #close}. Keys with
 * evaluations in flight are tracked here; {@link LearnerOperator} emits their finished reports after every element
 * and timer, and all of them before a checkpoint barrier and at the end of input, each key's in the order the learner
 * made them, so a key's events and state are those of synchronous evaluation. Only on a heap state backend: the
 * operator falls back to synchronous evaluation on any other, where every state access serialises the learner.
 */
public class ContinualLearnerFunction extends KeyedProcessFunction<String, StreamExample, EvaluationEvent> {
    /** Uid of the operator that runs this function in the training job; savepoints and export find it by it. */
    public static final String UID = "continual-learner";
    /** Name of the keyed state; part of the savepoint format, never rename. */
    public static final String STATE_NAME = "learner";
    /**
     * Name of the keyed state of the key's registered flush timer (processing time, ms); part of the savepoint
     * format, never rename.
     */
    public static final String DEADLINE_STATE_NAME = "flush-deadline";
    /** Name of the keyed state of the time the key's partial mini-batch is due (processing time, ms). */
    public static final String DUE_STATE_NAME = "flush-due";
    /** The event time of the end-of-input timer: only the final watermark reaches it. */
    static final long END_OF_INPUT = Long.MAX_VALUE;

    /** Predictions for unlabeled examples. */
    public static final OutputTag<Prediction> PREDICTIONS =
            new OutputTag<>("predictions", TypeInformation.of(Prediction.class));

    /** Records for new keys beyond the subtask's learner limit (the same tag as the decoder's). */
    public static final OutputTag<DeadLetter> DEAD_LETTERS =
            new OutputTag<>("dead-letters", TypeInformation.of(DeadLetter.class));

    /** Name of the keyed state choosing the weights that serve predictions; part of the savepoint format. */
    public static final String SERVING_STATE_NAME = "serving";

    /**
     * Name of the keyed state of the examples the learner would only store ({@link ContinualLearner#storesOnly}),
     * queued in arrival order until the next example that trains, a timer or a prediction hands them over; part of
     * the savepoint format, never rename. So a record appends one row instead of reading and rewriting the whole
     * learner, which on RocksDB is a serialisation of megabytes; the learner state is read and written once per
     * update. Readers of the learner state alone (export) miss the queued rows: at most a partial mini-batch and
     * held-out rows not yet in a set.
     */
    public static final String QUEUED_STATE_NAME = "queued-examples";

    /** Name of the keyed state of the learner's position counting its queued examples; part of the savepoint format. */
    public static final String POSITION_STATE_NAME = "learner-position";

    /** Name of the keyed state holding when each learner last received an example (only with an idle expiry). */
    public static final String LAST_ACTIVE_STATE_NAME = "last-active";

    /** The config travels to the cluster as settings text: core configs are not Java-serializable by design. */
    private final LinkedHashMap<String, String> settings;
    private final long flushAfterMillis;
    private final KeyLimits keys;
    private final String configName;
    /** The serving policy as settings text, like the learner config. */
    private final LinkedHashMap<String, String> servingSettings;
    private boolean asyncEvaluation;
    /** The subtask's evaluator thread, or null when evaluations are scored on the task thread. */
    private transient ExecutorService evaluator;
    /** Keys whose learners have evaluations in flight, with those learners (the objects in keyed state). */
    private transient Map<String, ContinualLearner> evaluating;
    private transient ServingConfig servingConfig;
    private transient ValueState<WeightsSelector> serving;
    private transient ContinualLearnerConfig config;
    private transient String configHash;
    private transient ValueState<ContinualLearner> state;
    private transient ValueState<Long> deadline;
    private transient ValueState<Long> due;
    private transient ListState<StreamExample> queued;
    private transient ValueState<Position> position;
    private transient DeadLetterMetrics deadLetters;
    private transient Counter heldOut;
    private transient ValueState<Long> lastActive;
    private transient long liveLearners;
    private transient Counter expired;
    /** Model inputs of the example at hand, dequantised here from 8-bit features: one buffer, no array a record. */
    private transient float[] inputs;
    /** The example at hand's features in arrival form: the learner keeps 8-bit rows as 8-bit state. */
    private transient Features view;
    private transient LearnerMetrics perKey;

    /**
     * @param flushAfter how long a partial mini-batch may wait for more examples before it is trained anyway
     *     (processing time), so slow streams still learn
     */
    public ContinualLearnerFunction(ContinualLearnerConfig config, Duration flushAfter) {
        this(config, flushAfter, KeyLimits.DEFAULTS);
    }

    /** @param keys the most learners per subtask and their idle expiry */
    public ContinualLearnerFunction(ContinualLearnerConfig config, Duration flushAfter, KeyLimits keys) {
        this(config, flushAfter, keys, LearnerGrid.DEFAULT_NAME, ServingConfig.of(ServingMode.AUTO));
    }

    /**
     * @param configName the configuration's name in a grid, carried by every event besides its hash
     * @param serving which weights answer unlabeled examples ({@code serve.*} settings)
     */
    public ContinualLearnerFunction(ContinualLearnerConfig config, Duration flushAfter, KeyLimits keys,
            String configName, ServingConfig serving) {
        ServeSettings.requireWeights(serving, config);
        if (flushAfter.isNegative() || flushAfter.isZero()) {
            throw new IllegalArgumentException("learner flush-after must be positive, got " + flushAfter);
        }
        this.settings = new LinkedHashMap<>(LearnerSettings.format(config));
        this.flushAfterMillis = flushAfter.toMillis();
        this.keys = keys;
        this.configName = configName;
        this.servingSettings = new LinkedHashMap<>(ServeSettings.format(serving));
    }

    /** Scores continual evaluations on an evaluator thread ({@code eval.async}); call before the job starts. */
    public ContinualLearnerFunction evaluateAsync(boolean async) {
        this.asyncEvaluation = async;
        return this;
    }

    /** Whether evaluations are to be scored on an evaluator thread. */
    boolean evaluatesAsync() {
        return asyncEvaluation;
    }

    @Override
    public void open(OpenContext context) throws InterruptedException {
        NativeBackend.load();
        config = LearnerSettings.parse(settings);
        configHash = config.learner().hash();
        state = getRuntimeContext().getState(new ValueStateDescriptor<>(STATE_NAME, new LearnerStateSerializer(config)));
        deadline = getRuntimeContext().getState(new ValueStateDescriptor<>(DEADLINE_STATE_NAME, LongSerializer.INSTANCE));
        due = getRuntimeContext().getState(new ValueStateDescriptor<>(DUE_STATE_NAME, LongSerializer.INSTANCE));
        queued = getRuntimeContext().getListState(new ListStateDescriptor<>(QUEUED_STATE_NAME,
                new StreamExampleSerializer()));
        position = getRuntimeContext().getState(new ValueStateDescriptor<>(POSITION_STATE_NAME,
                PositionSerializer.INSTANCE));
        servingConfig = ServeSettings.parse(servingSettings);
        serving = getRuntimeContext().getState(
                new ValueStateDescriptor<>(SERVING_STATE_NAME, new SelectorStateSerializer(servingConfig)));
        MetricGroup metrics = getRuntimeContext().getMetricGroup();
        heldOut = metrics.counter(ExportedMetrics.EXAMPLES_HELD_OUT);
        deadLetters = new DeadLetterMetrics(metrics);
        inputs = new float[config.learner().model().inputs()];
        view = Features.dense(inputs);
        lastActive = getRuntimeContext().getState(new ValueStateDescriptor<>(LAST_ACTIVE_STATE_NAME, Types.LONG));
        expired = metrics.counter(ExportedMetrics.LEARNERS_EXPIRED);
        metrics.gauge(ExportedMetrics.LIVE_LEARNERS, (Gauge<Long>) () -> liveLearners);
        perKey = new LearnerMetrics(metrics);
        evaluating = new LinkedHashMap<>();
        if (asyncEvaluation) {
            String name = "streamcl-evaluator-" + getRuntimeContext().getTaskInfo().getTaskNameWithSubtasks();
            evaluator = Executors.newSingleThreadExecutor(task -> {
                Thread thread = new Thread(task, name);
                thread.setDaemon(true);
                return thread;
            });
        }
    }

    /**
     * Stops the evaluator thread. Evaluations still in flight here belong to a failed or cancelled run (a finished
     * input and every checkpoint drain them first); their learners are restored from the last checkpoint.
     */
    @Override
    public void close() throws Exception {
        if (evaluator != null) {
            evaluator.shutdownNow();
            evaluator = null;
        }
        super.close();
    }

    @Override
    public void processElement(StreamExample example, Context ctx, Collector<EvaluationEvent> out) throws Exception {
        Position at = position();
        if (at == null) {
            if (liveLearners >= keys.maxLearners()) {
                rejectNewKey(example, ctx);
                return;
            }
            liveLearners++;
            ctx.timerService().registerEventTimeTimer(END_OF_INPUT);
        }
        if (keys.expires()) {
            touch(ctx);
        }
        if (example.eval && example.label != null) {
            heldOut.inc();
        }
        Optional<Position> stored = at == null || example.label == null ? Optional.empty()
                : ContinualLearner.storesOnly(config, at, example.taskId, example.seq, example.eval);
        if (stored.isPresent()) {
            queued.add(example);
            position.update(stored.get());
            moveDeadline(ctx.timerService(), stored.get().pending() > 0);
            return;
        }
        String key = ctx.getCurrentKey();
        ContinualLearner learner = at == null ? ContinualLearner.create(config).evaluateOn(evaluator)
                : caughtUp(key, out);
        if (example.label == null) {
            // the weights the selector picks depend on every evaluation before this example: complete them first
            emit(key, learner, learner.drain(), out);
            ctx.output(PREDICTIONS, predict(example, learner));
        } else {
            emit(key, learner, observe(learner, example), out);
        }
        moveDeadline(ctx.timerService(), learner.learner().pending() > 0);
        store(key, learner);
    }

    private List<LearnerReport> observe(ContinualLearner learner, StreamExample example) {
        return learner.observe(example.taskId, example.seq, example.eventTime, example.featuresView(view),
                example.label, example.eval);
    }

    /**
     * The key's learner with its queued examples observed, in arrival order, and the queue emptied. By the
     * stores-only rule they only fill the mini-batch and the held-out sets; an asynchronous learner may hand back
     * finished evaluations meanwhile, which are emitted.
     */
    private ContinualLearner caughtUp(String key, Collector<EvaluationEvent> out) throws Exception {
        ContinualLearner learner = learner();
        Iterable<StreamExample> waiting = queued.get();
        if (waiting != null) {
            for (StreamExample example : waiting) {
                emit(key, learner, observe(learner, example), out);
            }
            queued.clear();
        }
        return learner;
    }

    /**
     * The key's position counting its queued examples, or null for a key without a learner. Keys restored from a
     * savepoint written before positions were kept take their learner's.
     */
    private Position position() throws IOException {
        Position at = position.value();
        if (at == null) {
            ContinualLearner learner = state.value();
            return learner == null ? null : learner.position();
        }
        return at;
    }

    /** Stores the key's learner and its position (nothing queued), and tracks its evaluations in flight. */
    private void store(String key, ContinualLearner learner) throws IOException {
        state.update(learner);
        position.update(learner.position());
        track(key, learner);
    }

    /**
     * The key's partial mini-batch is due {@code flushAfter} after its newest arrival. The flush timer is not moved
     * on every arrival (with thousands of keys, deleting and registering a timer per record was a sixth of the
     * learner's time): one timer per key stays registered, and when it fires before the due time it is registered
     * again at the due time.
     */
    private void moveDeadline(TimerService timers, boolean pending) throws IOException {
        if (!pending) {
            due.clear();
            return;
        }
        long next = timers.currentProcessingTime() + flushAfterMillis;
        due.update(next);
        if (deadline.value() == null) {
            timers.registerProcessingTimeTimer(next);
            deadline.update(next);
        }
    }

    /** Deletes the key's flush timer and deadline (its learner is dropped). */
    private void dropDeadline(TimerService timers) throws IOException {
        Long registered = deadline.value();
        if (registered != null) {
            timers.deleteProcessingTimeTimer(registered);
        }
        deadline.clear();
        due.clear();
    }

    /**
     * Whether the processing-time timer at {@code timestamp} is the key's flush timer and its partial mini-batch is
     * due; a flush timer that fired before the due time is registered again at it. Keys restored from savepoints
     * written before the due time was kept flush when their timer fires, as they did then.
     */
    private boolean flushDue(long timestamp, Position at, TimerService timers) throws IOException {
        if (!Long.valueOf(timestamp).equals(deadline.value())) {
            return false;
        }
        deadline.clear();
        if (at.pending() == 0) {
            return false;
        }
        Long dueAt = due.value();
        if (dueAt != null && dueAt > timestamp) {
            timers.registerProcessingTimeTimer(dueAt);
            deadline.update(dueAt);
            return false;
        }
        return true;
    }

    /**
     * The key's learner under this job's config. A heap backend keeps the objects it restored, which carry the
     * savepoint's config; a restore that changed policies only (the serializer snapshot refuses other changes)
     * adopts the new ones here, once per key.
     */
    private ContinualLearner learner() throws IOException {
        ContinualLearner learner = state.value();
        if (learner == null) {
            return null;
        }
        if (learner.config() != config) {
            learner = learner.reconfigured(config);
        }
        // restored and copied-on-write learners come without an executor; one with evaluations in flight has it
        return learner.evaluationsPending() ? learner : learner.evaluateOn(evaluator);
    }

    /** The prediction of the weights the key's selector chooses (raw when the learner keeps no EMA weights). */
    private Prediction predict(StreamExample example, ContinualLearner learner) throws IOException {
        float[] features = example.featuresInto(inputs);
        Optional<float[]> ema = selector().serving() == ServedWeights.EMA
                ? learner.predictWithShadow(features) : Optional.empty();
        return Predictions.of(example, learner.learner().step(), configHash, configName,
                ema.isPresent() ? WeightsKind.EMA : WeightsKind.RAW, ema.orElseGet(() -> learner.predict(features)));
    }

    /** The key's weights selector under this job's serving policy (adopted once per key after a policy change). */
    private WeightsSelector selector() throws IOException {
        WeightsSelector selector = serving.value();
        return selector == null ? WeightsSelector.create(servingConfig)
                : selector.config().equals(servingConfig) ? selector : selector.reconfigured(servingConfig);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<EvaluationEvent> out) throws Exception {
        Position at = position();
        if (at == null) {
            return;
        }
        boolean processingTime = ctx.timeDomain() == TimeDomain.PROCESSING_TIME;
        boolean flush = processingTime && flushDue(timestamp, at, ctx.timerService());
        if (processingTime && !flush && !keys.expires()) {
            return; // a flush timer that was early, or whose batch was trained since: the learner is untouched
        }
        ContinualLearner learner = caughtUp(ctx.getCurrentKey(), out);
        if (processingTime && keys.expires() && expireIfIdle(timestamp, ctx, learner, out)) {
            dropDeadline(ctx.timerService());
            return;
        }
        if (!processingTime) {
            emit(ctx.getCurrentKey(), learner, learner.finish(), out);
            moveDeadline(ctx.timerService(), false);
        } else if (flush) {
            due.clear();
            emit(ctx.getCurrentKey(), learner, learner.flush(), out);
        }
        store(ctx.getCurrentKey(), learner);
    }

    /** Remembers whether {@code key}'s learner has evaluations in flight. */
    private void track(String key, ContinualLearner learner) {
        if (learner.evaluationsPending()) {
            evaluating.put(key, learner);
        } else {
            evaluating.remove(key);
        }
    }

    /** The keys whose learners have evaluations in flight, in the order they first had them. */
    List<String> keysEvaluating() {
        return List.copyOf(evaluating.keySet());
    }

    /**
     * Emits {@code key}'s finished evaluations ({@code all}: waits for every one in flight) and stores its learner;
     * the operator has made {@code key} the current key, so keyed state is the key's.
     */
    void emitEvaluated(String key, boolean all, Collector<EvaluationEvent> out) throws IOException {
        ContinualLearner learner = evaluating.get(key);
        List<LearnerReport> reports = all ? learner.drain() : learner.poll();
        if (!reports.isEmpty()) {
            emit(key, learner, reports, out);
            state.update(learner);
        }
        track(key, learner);
    }

    /** Called by {@link LearnerOperator} after a restore with the number of learners this subtask got back. */
    void restoredLearners(long count) {
        liveLearners = count;
    }

    private void rejectNewKey(StreamExample example, Context ctx) {
        KafkaRecord source = new KafkaRecord(example.sourceTopic, example.sourcePartition, example.sourceOffset,
                example.key.getBytes(StandardCharsets.UTF_8), null);
        DeadLetter letter = DeadLetters.of(source, "too-many-keys", "key '" + example.key + "' would start learner "
                + (liveLearners + 1) + " of this subtask, over the limit of keys.max-learners=" + keys.maxLearners()
                + " (the value is not kept: the learner sees decoded examples only)");
        deadLetters.count(letter);
        ctx.output(DEAD_LETTERS, letter);
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
    private boolean expireIfIdle(long timestamp, OnTimerContext ctx, ContinualLearner learner,
            Collector<EvaluationEvent> out) throws Exception {
        Long last = lastActive.value();
        if (last == null) {
            return false;
        }
        long due = last + keys.idleExpiry().toMillis();
        if (timestamp < due) {
            ctx.timerService().registerProcessingTimeTimer(due);
            return false;
        }
        emit(ctx.getCurrentKey(), learner, learner.drain(), out);
        evaluating.remove(ctx.getCurrentKey());
        state.clear();
        position.clear();
        serving.clear();
        lastActive.clear();
        liveLearners--;
        expired.inc();
        return true;
    }

    private void emit(String key, ContinualLearner learner, List<LearnerReport> reports,
            Collector<EvaluationEvent> out) throws IOException {
        if (!reports.isEmpty()) {
            WeightsSelector selector = selector();
            reports.forEach(selector::observe);
            serving.update(selector);
        }
        for (LearnerReport report : reports) {
            EvaluationEvent event = EvaluationEvents.of(key, configHash, configName, learner.learner().model().layout(),
                    report);
            perKey.update(event);
            out.collect(event);
        }
    }
}
