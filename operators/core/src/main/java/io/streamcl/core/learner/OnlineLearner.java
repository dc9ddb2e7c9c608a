package io.streamcl.core.learner;

import io.streamcl.core.diagnostics.PlasticityProbe;
import io.streamcl.core.model.Mlp;
import io.streamcl.core.model.MlpWorkspace;
import io.streamcl.core.optim.UpdatePipeline;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.FloatBuffer;

/**
 * A model that learns from a stream one labeled example at a time: examples fill a mini-batch, and a full batch
 * triggers one update through the configured pipeline.
 *
 * <p>Prequential accuracy (Dawid 1984, "test-then-train") comes without an extra pass: the model only changes at
 * updates, so the forward pass of the update predicts every example of the batch with exactly the weights that
 * were current when the example arrived.
 */
public final class OnlineLearner {
    /** Version of the binary form written by {@link #writeTo}; 2 added the update pipeline's state. */
    public static final int FORMAT_VERSION = 2;

    private final LearnerConfig config;
    private final Mlp model;
    private final UpdatePipeline pipeline;
    private final MlpWorkspace workspace;
    private final int[] labels;
    private final float[] targets;
    private int pending;
    private long step;
    private long examplesSeen;

    private OnlineLearner(LearnerConfig config, Mlp model, UpdatePipeline pipeline) {
        this.config = config;
        this.model = model;
        this.pipeline = pipeline;
        this.workspace = model.workspace(config.batchSize());
        boolean classifies = config.model().classifies();
        this.labels = new int[classifies ? config.batchSize() : 0];
        this.targets = new float[classifies ? 0 : config.batchSize() * config.model().outputs()];
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

    /** Adds a classification example; returns true when the batch is full and {@link #update} is due. */
    public boolean add(float[] features, int label) {
        if (!config.model().classifies()) {
            throw new IllegalStateException("this learner is a regressor: add(features, targets)");
        }
        if (label < 0 || label >= config.model().outputs()) {
            throw new IllegalArgumentException(
                    "label must be in [0, " + config.model().outputs() + "), got " + label);
        }
        putFeatures(features);
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
        putFeatures(features);
        System.arraycopy(target, 0, targets, pending * outputs, outputs);
        return advance();
    }

    private void putFeatures(float[] features) {
        int inputs = config.model().inputs();
        if (features.length != inputs) {
            throw new IllegalArgumentException("features has " + features.length + " values, the model takes " + inputs);
        }
        workspace.inputBuffer().put(pending * inputs, features, 0, inputs);
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
        boolean classifies = config.model().classifies();
        double loss = classifies ? model.lossAndGradient(workspace, rows, labels)
                : model.lossAndGradient(workspace, rows, targets);
        int correct = 0;
        int outputs = config.model().outputs();
        for (int r = 0; classifies && r < rows; r++) {
            if (Mlp.argMax(workspace.probabilityBuffer(), r, outputs) == labels[r]) {
                correct++;
            }
        }
        pipeline.apply(workspace, rows, step + 1);
        pending = 0;
        step++;
        return new BatchResult(step, rows, loss, correct);
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
        for (float v : parameters) {
            out.writeFloat(v);
        }
        pipeline.writeTo(out);
        int inputs = config.model().inputs();
        int outputs = config.model().outputs();
        out.writeInt(pending);
        FloatBuffer input = workspace.inputBuffer();
        for (int r = 0; r < pending; r++) {
            for (int j = 0; j < inputs; j++) {
                out.writeFloat(input.get(r * inputs + j));
            }
            if (config.model().classifies()) {
                out.writeInt(labels[r]);
            } else {
                for (int k = 0; k < outputs; k++) {
                    out.writeFloat(targets[r * outputs + k]);
                }
            }
        }
    }

    /** Reads a learner written by {@link #writeTo} for the same config; rejects other configs and versions. */
    public static OnlineLearner readFrom(DataInput in, LearnerConfig config) throws IOException {
        int version = in.readInt();
        if (version != FORMAT_VERSION) {
            throw new IOException("learner state has format version " + version + ", this build reads only "
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
        for (int i = 0; i < parameters.length; i++) {
            parameters[i] = in.readFloat();
        }
        Mlp model = Mlp.withParameters(config.model(), parameters);
        OnlineLearner learner = new OnlineLearner(config, model, UpdatePipeline.readFrom(in, config.optimizer(), model));
        learner.step = step;
        int pending = in.readInt();
        float[] features = new float[config.model().inputs()];
        float[] target = new float[config.model().outputs()];
        for (int r = 0; r < pending; r++) {
            for (int j = 0; j < features.length; j++) {
                features[j] = in.readFloat();
            }
            if (config.model().classifies()) {
                learner.add(features, in.readInt());
            } else {
                for (int k = 0; k < target.length; k++) {
                    target[k] = in.readFloat();
                }
                learner.add(features, target);
            }
        }
        learner.examplesSeen = examplesSeen;
        return learner;
    }
}
