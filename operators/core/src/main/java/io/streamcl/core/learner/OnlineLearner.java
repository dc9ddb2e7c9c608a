package io.streamcl.core.learner;

import io.streamcl.core.diagnostics.PlasticityProbe;
import io.streamcl.core.model.Mlp;
import io.streamcl.core.model.MlpWorkspace;
import io.streamcl.core.optim.StepSignals;
import io.streamcl.core.optim.UpdatePipeline;
import io.streamcl.core.replay.ReplayBuffer;
import io.streamcl.core.state.Features;
import io.streamcl.core.state.FloatArrays;
import io.streamcl.core.state.LabeledRows;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.util.Optional;

/**
 * A model that learns from a stream one labeled example at a time: examples fill a mini-batch, and a full batch
 * triggers one update through the configured pipeline.
 *
 * <p>Prequential accuracy (Dawid 1984, "test-then-train") comes without an extra pass: the model only changes at
 * updates, so the forward pass of the update predicts every example of the batch with exactly the weights that
 * were current when the example arrived.
 *
 * <p>With replay configured, each update trains on the new rows followed by a replay batch under row weights
 * ({@link ReplayMixer}); its loss and prequential figures stay those of the new rows. The learner also tells the
 * pipeline about task boundaries ({@link #boundary()}), which boundary policies react to.
 */
public final class OnlineLearner {
    /**
     * Version of the binary form written by {@link #writeTo}; 2 added the update pipeline's state, 3 the task count,
     * the distance to the latest boundary and the replay memory, 4 keeps replay and pending rows in their arrival
     * form (8-bit for quantized input; versions 2 and 3 are still read).
     */
    public static final int FORMAT_VERSION = 4;

    private final LearnerConfig config;
    private final Mlp model;
    private final UpdatePipeline pipeline;
    private final MlpWorkspace workspace;
    private final int[] labels;
    private final float[] targets;
    /** The pending mini-batch in its arrival form: what replay remembers and what state keeps. */
    private final LabeledRows batch;
    private final ReplayMixer replay;
    private Mlp shadow;
    private int pending;
    private long step;
    private long examplesSeen;
    private int task = 1;
    private long sinceBoundary = StepSignals.NO_BOUNDARY;

    private OnlineLearner(LearnerConfig config, Mlp model, UpdatePipeline pipeline) {
        this.config = config;
        this.model = model;
        this.pipeline = pipeline;
        int rows = config.batchSize() + ReplayMixer.extraRows(config.replay());
        this.workspace = model.workspace(rows);
        boolean classifies = config.model().classifies();
        this.labels = new int[classifies ? rows : 0];
        this.targets = new float[classifies ? 0 : config.batchSize() * config.model().outputs()];
        this.batch = new LabeledRows(config.batchSize(), config.model().inputs());
        this.replay = config.replay().enabled()
                ? new ReplayMixer(config.replay(), model, config.batchSize(), config.optimizer().referenceRows())
                : null;
    }

    /** A learner with a freshly initialised model and fresh optimizer state. */
    public static OnlineLearner create(LearnerConfig config) {
        Mlp model = Mlp.initialize(config.model());
        return new OnlineLearner(config, model, UpdatePipeline.create(config.optimizer(), model));
    }

    public LearnerConfig config() {
        return config;
    }

    public Mlp model() {
        return model;
    }

    /** The update pipeline with its live stage states (read-only use: diagnostics, tests). */
    public UpdatePipeline pipeline() {
        return pipeline;
    }

    /** Updates taken so far. */
    public long step() {
        return step;
    }

    /** Labeled examples consumed so far, including those waiting in the mini-batch. */
    public long examplesSeen() {
        return examplesSeen;
    }

    /** Examples waiting in the current mini-batch. */
    public int pending() {
        return pending;
    }

    /**
     * A new task (or drift segment) starts: the next update is the first after a boundary, and the task count that
     * the 1/t replay weight uses goes up. The first task's start is not a boundary.
     */
    public void boundary() {
        task++;
        sinceBoundary = 0;
    }

    /** Tasks met so far: 1 plus the boundaries. */
    public int task() {
        return task;
    }

    /** The replay memory, if replay is configured (read-only use: diagnostics, tests). */
    public Optional<ReplayBuffer> replayMemory() {
        return Optional.ofNullable(replay).map(ReplayMixer::memory);
    }

    /**
     * The shadow (EMA) weights as a model, if the optimizer keeps them: a copy refreshed on each call, for
     * evaluation and prediction while training continues on {@link #model()}.
     */
    public Optional<Mlp> shadowModel() {
        return pipeline.shadowParameters().map(weights -> {
            if (shadow == null) {
                shadow = Mlp.withParameters(config.model(), weights);
            } else {
                System.arraycopy(weights, 0, shadow.parameters(), 0, weights.length);
            }
            return shadow;
        });
    }

    /** Adds a classification example of dense features; returns true when {@link #update} is due. */
    public boolean add(float[] features, int label) {
        return add(Features.dense(features), label);
    }

    /** Adds a classification example; returns true when the batch is full and {@link #update} is due. */
    public boolean add(Features features, int label) {
        if (!config.model().classifies()) {
            throw new IllegalStateException("this learner is a regressor: add(features, targets)");
        }
        if (label < 0 || label >= config.model().outputs()) {
            throw new IllegalArgumentException(
                    "label must be in [0, " + config.model().outputs() + "), got " + label);
        }
        putFeatures(features, label);
        labels[pending] = label;
        return advance();
    }

    /** Adds a regression example with one target per output; returns true when {@link #update} is due. */
    public boolean add(float[] features, float[] target) {
        int outputs = config.model().outputs();
        if (config.model().classifies()) {
            throw new IllegalStateException("this learner is a classifier: add(features, label)");
        }
        if (target.length != outputs) {
            throw new IllegalArgumentException("target has " + target.length + " values, the model gives " + outputs);
        }
        putFeatures(Features.dense(features), 0);
        System.arraycopy(target, 0, targets, pending * outputs, outputs);
        return advance();
    }

    private void putFeatures(Features features, int label) {
        int inputs = config.model().inputs();
        if (features.length() != inputs) {
            throw new IllegalArgumentException("features has " + features.length() + " values, the model takes "
                    + inputs);
        }
        features.copyInto(workspace.inputBuffer(), pending);
        batch.put(pending, features, label);
    }

    private boolean advance() {
        pending++;
        examplesSeen++;
        return pending == config.batchSize();
    }

    /**
     * One update on the pending examples (a partial batch is allowed, e.g. from a timer). For a regressor the
     * loss is the mean squared error and {@link BatchResult#correctBeforeUpdate()} is 0.
     */
    public BatchResult update() {
        if (pending == 0) {
            throw new IllegalStateException("no pending examples to learn from");
        }
        int rows = pending;
        long next = step + 1;
        boolean classifies = config.model().classifies();
        StepSignals signals = replay == null ? new StepSignals(null, sinceBoundary)
                : new StepSignals(replay.referenceGradient(model, next), sinceBoundary, replay::drawInputs);
        int total = replay == null ? rows : replay.mix(workspace, labels, rows, next, task, signals);
        double loss = !classifies ? model.lossAndGradient(workspace, rows, targets)
                : total == rows ? model.lossAndGradient(workspace, rows, labels)
                : model.lossAndGradient(workspace, total, labels, replay.rowWeights());
        int correct = 0;
        double newLoss = 0;
        int outputs = config.model().outputs();
        FloatBuffer p = workspace.probabilityBuffer();
        for (int r = 0; classifies && r < rows; r++) {
            if (Mlp.argMax(p, r, outputs) == labels[r]) {
                correct++;
            }
            if (total > rows) {
                newLoss -= Math.log(Math.max(p.get(r * outputs + labels[r]), 1e-12f));
            }
        }
        pipeline.apply(workspace, total, next, signals);
        if (replay != null) {
            replay.remember(batch, rows);
        }
        pending = 0;
        step = next;
        sinceBoundary = sinceBoundary == StepSignals.NO_BOUNDARY ? sinceBoundary : sinceBoundary + 1;
        // a mixed batch's loss is weighted over replay rows too; report (and detect drift on) the new rows' mean
        return new BatchResult(step, rows, total == rows ? loss : newLoss / rows, correct);
    }

    /** Euclidean norm of the gradient the last update's base step used (after the gradient transforms). */
    public double gradientNorm() {
        return PlasticityProbe.gradientNorm(workspace.gradient());
    }

    /** Writes the learner's state (not its config, only the config hash) in binary form {@link #FORMAT_VERSION}. */
    public void writeTo(DataOutput out) throws IOException {
        out.writeInt(FORMAT_VERSION);
        out.writeUTF(config.hash());
        out.writeLong(step);
        out.writeLong(examplesSeen);
        float[] parameters = model.parameters();
        out.writeInt(parameters.length);
        FloatArrays.write(out, parameters, 0, parameters.length);
        pipeline.writeTo(out);
        out.writeInt(task);
        out.writeLong(sinceBoundary);
        if (replay != null) {
            replay.writeTo(out);
        }
        out.writeInt(pending);
        batch.writeTo(out, pending);
        if (!config.model().classifies()) {
            FloatArrays.write(out, targets, 0, pending * config.model().outputs());
        }
    }

    /** Reads a learner written by {@link #writeTo} for the same config; rejects other configs and versions. */
    public static OnlineLearner readFrom(DataInput in, LearnerConfig config) throws IOException {
        int version = in.readInt();
        if (version < 2 || version > FORMAT_VERSION) {
            throw new IOException("learner state has format version " + version + ", this build reads 2 to "
                    + FORMAT_VERSION + (version == 1 ? " (version 1 had no optimizer state)" : ""));
        }
        String hash = in.readUTF();
        if (!hash.equals(config.hash())) {
            throw new IOException("learner state was written for config " + hash + ", not " + config.hash()
                    + " (" + config.canonical() + ")");
        }
        long step = in.readLong();
        long examplesSeen = in.readLong();
        float[] parameters = new float[in.readInt()];
        FloatArrays.read(in, parameters, 0, parameters.length);
        Mlp model = Mlp.withParameters(config.model(), parameters);
        OnlineLearner learner = new OnlineLearner(config, model, UpdatePipeline.readFrom(in, config.optimizer(), model));
        learner.step = step;
        if (version > 2) {
            learner.task = in.readInt();
            learner.sinceBoundary = in.readLong();
            if (learner.replay != null) {
                learner.replay.readFrom(in);
            }
        }
        int pending = in.readInt();
        if (version >= 4) {
            learner.readPending(in, pending);
        } else {
            learner.readFloatPending(in, pending);
        }
        learner.examplesSeen = examplesSeen;
        return learner;
    }

    private void readPending(DataInput in, int rows) throws IOException {
        batch.readFrom(in, rows);
        float[] target = new float[config.model().outputs()];
        for (int r = 0; r < rows; r++) {
            batch.copyInto(r, workspace.inputBuffer(), r);
            if (config.model().classifies()) {
                labels[r] = batch.label(r);
            } else {
                FloatArrays.read(in, target, 0, target.length);
                System.arraycopy(target, 0, targets, r * target.length, target.length);
            }
        }
        pending = rows;
    }

    /** Pending rows of versions 2 and 3: per row its floats, then its label or targets. */
    private void readFloatPending(DataInput in, int rows) throws IOException {
        float[] features = new float[config.model().inputs()];
        float[] target = new float[config.model().outputs()];
        for (int r = 0; r < rows; r++) {
            FloatArrays.read(in, features, 0, features.length);
            if (config.model().classifies()) {
                add(features, in.readInt());
            } else {
                FloatArrays.read(in, target, 0, target.length);
                add(features, target);
            }
        }
    }
}
