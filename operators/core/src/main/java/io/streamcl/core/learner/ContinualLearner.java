package io.streamcl.core.learner;

import io.streamcl.core.detect.BoundaryDetector;
import io.streamcl.core.diagnostics.PlasticityProbe;
import io.streamcl.core.diagnostics.PlasticityReport;
import io.streamcl.core.eval.EvaluationConfig;
import io.streamcl.core.eval.ForwardTransferProbe;
import io.streamcl.core.eval.HeldOutSet;
import io.streamcl.core.eval.HeldOutSets;
import io.streamcl.core.eval.TaskEvaluator;
import io.streamcl.core.eval.TaskScore;
import io.streamcl.core.eval.TransferScores;
import io.streamcl.core.metrics.PeriodicEvaluation;
import io.streamcl.core.model.Mlp;
import io.streamcl.core.optim.StatelessRandom;
import io.streamcl.core.state.Features;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * One learner key's whole continual-learning loop, free of any runtime: test-then-train on labeled examples,
 * held-out sets per task, task boundaries, and continual evaluation of every seen task on the configured cadence
 * (De Lange et al., "Continual evaluation for lifelong learning: identifying the stability gap", ICLR 2023).
 *
 * <p>Examples without a task id form a task-free stream: they belong to the current segment (0 at first), and a
 * {@link BoundaryDetector} on the training loss of each update opens the next segment, which is then handled
 * exactly like a new task (boundary evaluation, metrics, stability-gap tracking).
 *
 * <p>At a task boundary the pending partial mini-batch is trained first, so every update belongs to one task and
 * the prequential figures of a task are its own; then the learner is told ({@link OnlineLearner#boundary()}), so
 * the configured boundary policies react to task ids and detected drift alike. When the optimizer keeps EMA
 * weights, every evaluation also scores them on the same held-out rows (twice the evaluation cost) and feeds a
 * second set of metrics ({@link LearnerReport#shadowMetrics}). A TRAIN example is held out instead of trained on
 * when a hash of (seed, task, seq) falls below the holdout fraction, so the choice is reproducible and needs no
 * state.
 *
 * <p>Every evaluation scores every seen task. The metrics take each task once per model step, so at a boundary that
 * follows a periodic evaluation of the same step the old tasks are scored again for the report only, which then
 * shows their accuracy next to the accuracy-matrix row. FWT's inputs come from a {@link ForwardTransferProbe}.
 */
public final class ContinualLearner {
    /**
     * Version of the binary form written by {@link #writeTo}; 2 added the end-of-input flag, the shadow weights'
     * metrics and the forward-transfer probe (version 1 is still read: its shadow metrics start at the restore, no
     * probe waits); 3 keeps held-out, replay and pending rows in their arrival form, 8-bit for quantized input
     * (versions 1 and 2, whose rows are floats, are still read).
     */
    public static final int FORMAT_VERSION = 3;

    private static final int NO_TASK = Integer.MIN_VALUE;
    private static final int ROWS_PER_EVALUATION_PASS = 1000;
    /**
     * Evaluation buffers (~12 MB for 784-256-256-10 at 1000 rows) are scratch space, so one per thread and model
     * shape serves every learner key of a Flink subtask instead of one per key.
     */
    private static final ThreadLocal<Map<String, TaskEvaluator>> EVALUATORS = ThreadLocal.withInitial(HashMap::new);

    private final ContinualLearnerConfig config;
    private final OnlineLearner learner;
    private final TrainingProgress progress;
    private final LearnerMetrics metrics;
    private final ForwardTransferProbe transfer;
    private final HeldOutSets heldOut;
    private final BoundaryDetector segments;
    private final PeriodicEvaluation policy;
    private final long holdoutKey;
    private int currentTask = NO_TASK;
    private long latestEventTime = Long.MIN_VALUE;
    private long evaluations;
    private long lastEvaluatedStep = -1;
    private long lastProbeStep;
    /** The input ended ({@link #finish}) and nothing was trained since. */
    private boolean ended;
    private final List<Integer> evaluatedAtLastStep = new ArrayList<>();
    /** Evaluations in flight and the metric updates behind them; not state (drained before any snapshot). */
    private final EvaluationQueue queue = new EvaluationQueue();

    private ContinualLearner(ContinualLearnerConfig config, OnlineLearner learner, TrainingProgress progress,
            LearnerMetrics metrics, ForwardTransferProbe transfer, HeldOutSets heldOut, BoundaryDetector segments) {
        this.config = config;
        this.segments = segments;
        this.learner = learner;
        this.progress = progress;
        this.metrics = metrics;
        this.transfer = transfer;
        this.heldOut = heldOut;
        this.policy = config.evaluation().policy();
        this.holdoutKey = holdoutKey(config);
    }

    /** A learner with a fresh model. */
    public static ContinualLearner create(ContinualLearnerConfig config) {
        OnlineLearner learner = OnlineLearner.create(config.learner());
        return new ContinualLearner(config, learner, new TrainingProgress(),
                LearnerMetrics.create(config.evaluation().cappedMetrics(), learner.shadowModel().isPresent()),
                new ForwardTransferProbe(), newHeldOut(config), BoundaryDetector.create(config.segmentation()));
    }

    private static HeldOutSets newHeldOut(ContinualLearnerConfig config) {
        return new HeldOutSets(config.evaluation().samplesPerTask(), config.learner().model().inputs(),
                config.evaluation().metrics().maxTasks(), config.learner().model().seed());
    }

    public ContinualLearnerConfig config() {
        return config;
    }

    public OnlineLearner learner() {
        return learner;
    }

    /** The task being trained, or null before the first labeled example. */
    public Integer currentTask() {
        return currentTask == NO_TASK ? null : currentTask;
    }

    /**
     * Takes one labeled example of task {@code taskId} (null: task-free, the current segment): held out if the
     * producer marked it so ({@code heldOutByProducer}) or the holdout fraction picks it, otherwise trained on.
     * Returns the reports of the evaluations this example made due (at a boundary and/or after an update), usually
     * none.
     */
    public List<LearnerReport> observe(Integer task, long seq, long eventTime, float[] features, int label,
            boolean heldOutByProducer) {
        return observe(task, seq, eventTime, Features.dense(features), label, heldOutByProducer);
    }

    /**
     * {@link #observe(Integer, long, long, float[], int, boolean)} for features in their arrival form: 8-bit ones
     * are held out and replayed as 8-bit rows and dequantised only into the training batch.
     */
    public List<LearnerReport> observe(Integer task, long seq, long eventTime, Features features, int label,
            boolean heldOutByProducer) {
        latestEventTime = Math.max(latestEventTime, eventTime);
        List<LearnerReport> reports = new ArrayList<>(1);
        boolean taskFree = task == null;
        int taskId = taskFree ? (currentTask == NO_TASK ? 0 : currentTask) : task;
        if (heldOutByProducer || holdOut(taskId, seq)) {
            heldOut.offer(taskId, features, label);
            return reports;
        }
        if (ended || taskId != currentTask) {
            startTask(taskId, reports);
        }
        if (learner.add(features, label)) {
            BatchResult result = train(reports);
            if (taskFree) {
                segments.update(result.step(), result.loss()).ifPresent(b -> startTask(currentTask + 1, reports));
            }
        }
        queue.poll(reports);
        return reports;
    }

    /** Trains the pending partial mini-batch, e.g. when a slow stream's timer fires; returns any due reports. */
    public List<LearnerReport> flush() {
        List<LearnerReport> reports = new ArrayList<>(1);
        if (learner.pending() > 0) {
            train(reports);
        }
        queue.poll(reports);
        return reports;
    }

    /**
     * Scores continual evaluations on {@code executor} from now on, off the calling (training) thread; null: on the
     * calling thread, as a new learner does. Reports, metrics and state stay those of synchronous evaluation at the
     * same model steps: an evaluation scores a snapshot of the weights and held-out rows taken when it was due, and
     * its report comes back from a later call ({@link #observe}, {@link #flush}, {@link #poll}), in order. Call
     * {@link #drain} before {@link #writeTo} (a checkpoint) so no evaluation is in flight; {@link #finish} drains
     * by itself.
     */
    public ContinualLearner evaluateOn(Executor executor) {
        queue.executeOn(executor);
        return this;
    }

    /** Reports of evaluations whose scores came back since the last call, in order; never waits. */
    public List<LearnerReport> poll() {
        List<LearnerReport> reports = new ArrayList<>(1);
        queue.poll(reports);
        return reports;
    }

    /** Waits for every evaluation in flight and returns their reports, in order. */
    public List<LearnerReport> drain() {
        List<LearnerReport> reports = new ArrayList<>(1);
        queue.drain(reports);
        return reports;
    }

    /** Whether evaluations are in flight (their reports not yet returned). */
    public boolean evaluationsPending() {
        return !queue.isEmpty();
    }

    /**
     * The input ended (a bounded stream was consumed): trains the pending partial mini-batch, scores every seen task
     * on the final model and ends the current task in the metrics, so the one report returned carries the final
     * accuracy-matrix row (ACC, BWT, forgetting after the last task). Returns nothing before the first trained
     * example or when nothing was trained since the previous call. Input after it resumes training, as a new start
     * of its task in the metrics.
     *
     * <p>A task already scored at the final step (the periodic evaluation of the last update) is scored again for
     * this report but not recorded twice in the metrics, whose WF/WP windows count one evaluation per step and task;
     * with {@code eval.slice} below the set size the second score uses the next slice.
     */
    public List<LearnerReport> finish() {
        List<LearnerReport> reports = new ArrayList<>(1);
        if (currentTask == NO_TASK || ended) {
            return reports;
        }
        if (learner.pending() > 0) {
            update();
        }
        ended = true;
        evaluate(EvaluationReason.END_OF_INPUT, reports);
        queue.drain(reports);
        return reports;
    }

    /** Class probabilities of the current model for one example. */
    public float[] predict(float[] features) {
        return learner.model().predict(features);
    }

    /** Class probabilities of the shadow (EMA) weights for one example, if the optimizer keeps them. */
    public Optional<float[]> predictWithShadow(float[] features) {
        return learner.shadowModel().map(shadow -> shadow.predict(features));
    }

    private boolean holdOut(int taskId, long seq) {
        return holdsOut(config, holdoutKey, taskId, seq);
    }

    private static long holdoutKey(ContinualLearnerConfig config) {
        return StatelessRandom.key(config.learner().model().seed(), 0x401DL);
    }

    private static boolean holdsOut(ContinualLearnerConfig config, long holdoutKey, int taskId, long seq) {
        double fraction = config.evaluation().holdoutFraction();
        return fraction > 0 && StatelessRandom.uniform(StatelessRandom.key(holdoutKey, taskId), seq) < fraction;
    }

    /** Where this learner stands: its task, its pending examples, whether its input ended. */
    public Position position() {
        return new Position(currentTask(), learner.pending(), ended);
    }

    /**
     * Whether {@link #observe} of this labeled example by a learner at {@code at} would only store it (hold it out,
     * or add it to a mini-batch that stays partial) and report nothing. A runtime that keeps such examples queued
     * and observes them later, in order, before anything else reaches the learner, gets the same learner, reports
     * and events, and reads and writes the learner once per update instead of once per example.
     *
     * @return the position after the example when it is only stored; empty when it would train, start a task or
     *     resume an ended input
     */
    public static Optional<Position> storesOnly(ContinualLearnerConfig config, Position at, Integer task,
            long seq, boolean heldOutByProducer) {
        Integer current = at.task();
        int taskId = task != null ? task : current != null ? current : 0;
        if (heldOutByProducer || holdsOut(config, holdoutKey(config), taskId, seq)) {
            return Optional.of(at);
        }
        boolean sameTask = current != null && current == taskId && !at.ended();
        return sameTask && at.pending() + 1 < config.learner().batchSize()
                ? Optional.of(at.withOneMorePending()) : Optional.empty();
    }

    private void startTask(int taskId, List<LearnerReport> reports) {
        if (learner.pending() > 0) {
            train(reports);
        }
        EvaluationReason reason = currentTask == NO_TASK ? EvaluationReason.INITIAL : EvaluationReason.BOUNDARY;
        boolean afterAnother = currentTask != NO_TASK;
        if (afterAnother && taskId != currentTask) {
            learner.boundary();
        }
        long step = learner.step();
        queue.run(() -> metrics.startTask(step, taskId));
        if (heldOut.markStarted(taskId) && afterAnother) {
            transfer.taskStarted(taskId, learner.model(), learner.shadowModel());
        }
        currentTask = taskId;
        ended = false;
        if (policy.isDue(learner.step(), true)) {
            evaluate(reason, reports);
        }
    }

    private BatchResult train(List<LearnerReport> reports) {
        BatchResult result = update();
        if (policy.isDue(result.step(), false)) {
            evaluate(EvaluationReason.PERIODIC, reports);
        }
        return result;
    }

    private BatchResult update() {
        BatchResult result = learner.update();
        progress.add(result);
        int task = currentTask;
        queue.run(() -> metrics.recordPredictions(task, result.correctBeforeUpdate(), result.rows()));
        return result;
    }

    /**
     * Scores every seen task, feeds the metrics those not yet scored at this step, measures FWT's inputs when due,
     * ends the current task in the metrics at the end of input, and drains the training window. Everything but the
     * scoring and the metric updates happens now; with an evaluation executor the scoring of a weight and held-out
     * snapshot runs there, and the report is completed, in order, once its scores are back.
     */
    private void evaluate(EvaluationReason reason, List<LearnerReport> reports) {
        long step = learner.step();
        if (step != lastEvaluatedStep) {
            lastEvaluatedStep = step;
            evaluatedAtLastStep.clear();
        }
        List<HeldOutSet> sets = heldOut.seen();
        List<Integer> firstAtStep = new ArrayList<>();
        for (HeldOutSet set : sets) {
            if (!evaluatedAtLastStep.contains(set.taskId())) {
                firstAtStep.add(set.taskId());
                evaluatedAtLastStep.add(set.taskId());
            }
        }
        int slice = config.evaluation().slice();
        long first = evaluations * slice;
        evaluations++;
        long sequence = evaluations;
        Optional<TransferScores> transferScores = transfer.measure(heldOut, config.learner().model(), evaluator(),
                config.evaluation().cappedMetrics().minSamples(), slice);
        long examplesSeen = learner.examplesSeen();
        long eventTime = latestEventTime;
        Integer task = currentTask();
        TrainingProgress.Report training = progress.drain();
        PlasticityReport plasticity = plasticityDue(step) ? probe() : null;
        Mlp model = learner.model();
        Optional<Mlp> shadow = learner.shadowModel();
        if (queue.async()) {
            sets = sets.stream().map(HeldOutSet::snapshot).toList();
            model = Mlp.withParameters(model.config(), model.parameters());
            shadow = shadow.map(s -> Mlp.withParameters(s.config(), s.parameters()));
        }
        List<HeldOutSet> scored = sets;
        Mlp raw = model;
        Optional<Mlp> ema = shadow;
        queue.submit(() -> score(raw, ema, scored, slice, first), scores -> {
            for (TaskScore score : scores) {
                if (firstAtStep.contains(score.taskId())) {
                    metrics.record(step, score);
                }
            }
            if (reason == EvaluationReason.END_OF_INPUT) {
                metrics.endTask(step);
            }
            transferScores.ifPresent(metrics::record);
            return new LearnerReport(sequence, step, examplesSeen, eventTime, task, training, scores,
                    metrics.report(), metrics.shadowReport(), plasticity, reason);
        }, reports);
    }

    /** Scores of the raw weights on {@code sets}, with the shadow weights' accuracies when there are any. */
    private List<TaskScore> score(Mlp model, Optional<Mlp> shadow, List<HeldOutSet> sets, int slice, long first) {
        TaskEvaluator evaluator = evaluator();
        List<TaskScore> scores = evaluator.evaluate(model, sets, slice, first);
        if (shadow.isPresent()) {
            List<TaskScore> shadowScores = evaluator.evaluate(shadow.get(), sets, slice, first);
            for (int i = 0; i < scores.size(); i++) {
                scores.set(i, scores.get(i).withShadowAccuracy(shadowScores.get(i).accuracy()));
            }
        }
        return scores;
    }

    /** The calling thread's evaluator for this model shape. */
    private TaskEvaluator evaluator() {
        return EVALUATORS.get().computeIfAbsent(config.learner().model().canonical(),
                shape -> new TaskEvaluator(learner.model(), ROWS_PER_EVALUATION_PASS));
    }

    /** Whether diagnostics are due: the first evaluation at or after each multiple of the period. */
    private boolean plasticityDue(long step) {
        int every = config.evaluation().plasticityEvery();
        if (every == 0 || step == 0 || step / every == lastProbeStep / every) {
            return false;
        }
        lastProbeStep = step;
        return true;
    }

    private PlasticityReport probe() {
        return heldOut.of(currentTask)
                .map(set -> PlasticityProbe.measure(learner.model(), set.features(), set.size(), learner.gradientNorm()))
                .orElse(null);
    }

    /**
     * This learner's state under {@code other}, a config that may differ from its own in policies only (evaluation
     * cadence and slice, holdout fraction, diagnostics period, minimum segment length), which take effect from now
     * on. A state-shaping difference fails as reading the state under {@code other} does.
     */
    public ContinualLearner reconfigured(ContinualLearnerConfig other) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            writeTo(new DataOutputStream(bytes));
            return readFrom(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), other);
        } catch (IOException e) {
            throw new IllegalArgumentException("learner state does not fit the config " + other.canonical(), e);
        }
    }

    /** Writes the learner's state; evaluations must not be in flight ({@link #drain} first). */
    public void writeTo(DataOutput out) throws IOException {
        if (!queue.isEmpty()) {
            throw new IllegalStateException("continual evaluations are in flight: drain() the learner before writing"
                    + " its state");
        }
        out.writeInt(FORMAT_VERSION);
        out.writeInt(currentTask);
        out.writeLong(latestEventTime);
        out.writeLong(evaluations);
        out.writeLong(lastEvaluatedStep);
        out.writeLong(lastProbeStep);
        out.writeBoolean(ended);
        out.writeInt(evaluatedAtLastStep.size());
        for (int task : evaluatedAtLastStep) {
            out.writeInt(task);
        }
        progress.writeTo(out);
        metrics.writeTo(out);
        heldOut.writeTo(out);
        segments.writeTo(out);
        learner.writeTo(out);
        transfer.writeTo(out);
    }

    /** Reads a learner written by {@link #writeTo} (this version or 1) under the same config; rejects others. */
    public static ContinualLearner readFrom(DataInput in, ContinualLearnerConfig config) throws IOException {
        int version = in.readInt();
        if (version < 1 || version > FORMAT_VERSION) {
            throw new IOException("continual learner state has format version " + version + ", this build reads 1 to "
                    + FORMAT_VERSION);
        }
        int currentTask = in.readInt();
        long latestEventTime = in.readLong();
        long evaluations = in.readLong();
        long lastEvaluatedStep = in.readLong();
        long lastProbeStep = in.readLong();
        boolean ended = version >= 2 && in.readBoolean();
        List<Integer> evaluatedAtLastStep = new ArrayList<>();
        for (int i = in.readInt(); i > 0; i--) {
            evaluatedAtLastStep.add(in.readInt());
        }
        TrainingProgress progress = TrainingProgress.readFrom(in);
        EvaluationConfig eval = config.evaluation();
        LearnerMetrics metrics = LearnerMetrics.readFrom(in, eval.cappedMetrics(), version >= 2);
        HeldOutSets heldOut = HeldOutSets.readFrom(in, eval.samplesPerTask(), config.learner().model().inputs(),
                eval.metrics().maxTasks(), config.learner().model().seed(), version);
        BoundaryDetector segments = BoundaryDetector.readFrom(in, config.segmentation());
        OnlineLearner learner = OnlineLearner.readFrom(in, config.learner());
        ForwardTransferProbe transfer = version >= 2 ? ForwardTransferProbe.readFrom(in) : new ForwardTransferProbe();
        ContinualLearner restored = new ContinualLearner(config, learner, progress,
                metrics.withShadow(learner.shadowModel().isPresent(), eval.cappedMetrics(),
                        currentTask == NO_TASK ? null : currentTask),
                transfer, heldOut, segments);
        restored.currentTask = currentTask;
        restored.latestEventTime = latestEventTime;
        restored.evaluations = evaluations;
        restored.lastEvaluatedStep = lastEvaluatedStep;
        restored.lastProbeStep = lastProbeStep;
        restored.ended = ended;
        restored.evaluatedAtLastStep.addAll(evaluatedAtLastStep);
        return restored;
    }
}
