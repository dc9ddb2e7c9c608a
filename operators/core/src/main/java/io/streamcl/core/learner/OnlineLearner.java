package io.streamcl.core.learner;

import io.streamcl.core.model.Mlp;
import io.streamcl.core.model.MlpWorkspace;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.FloatBuffer;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A model that learns from a stream one labeled example at a time: examples fill a mini-batch, and a full batch
 * triggers one update.
 *
 * <p>Prequential accuracy (Dawid 1984, "test-then-train") comes without an extra pass: the model only changes at
 * updates, so the forward pass of the update predicts every example of the batch with exactly the weights that
 * were current when the example arrived.
 */
public final class OnlineLearner {
    /** Version of the binary form written by {@link #writeTo}. */
    public static final int FORMAT_VERSION = 1;

    private final LearnerConfig config;
    private final Mlp model;
    private final MlpWorkspace workspace;
    private final int[] labels;
    private int pending;
    private long step;
    private long examplesSeen;

    private OnlineLearner(LearnerConfig config, Mlp model) {
        this.config = config;
        this.model = model;
        this.workspace = model.workspace(config.batchSize());
        this.labels = new int[config.batchSize()];
    }

    /** A learner with a freshly initialised model. */
    public static OnlineLearner create(LearnerConfig config) {
        return new OnlineLearner(config, Mlp.initialize(config.model()));
    }

    public LearnerConfig config() {
        return config;
    }

    public Mlp model() {
        return model;
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

    /** Adds a labeled example to the mini-batch; returns true when the batch is full and {@link #update} is due. */
    public boolean add(float[] features, int label) {
        int inputs = config.model().inputs();
        if (features.length != inputs) {
            throw new IllegalArgumentException("features has " + features.length + " values, the model takes " + inputs);
        }
        if (label < 0 || label >= config.model().outputs()) {
            throw new IllegalArgumentException(
                    "label must be in [0, " + config.model().outputs() + "), got " + label);
        }
        FloatBuffer input = workspace.inputBuffer();
        int base = pending * inputs;
        for (int j = 0; j < inputs; j++) {
            input.put(base + j, features[j]);
        }
        labels[pending++] = label;
        examplesSeen++;
        return pending == labels.length;
    }

    /** One SGD update on the pending examples (a partial batch is allowed, e.g. from a timer). */
    public BatchResult update() {
        if (pending == 0) {
            throw new IllegalStateException("no pending examples to learn from");
        }
        int rows = pending;
        double loss = model.lossAndGradient(workspace, rows, labels);
        int correct = 0;
        int outputs = config.model().outputs();
        for (int r = 0; r < rows; r++) {
            if (Mlp.argMax(workspace.probabilityBuffer(), r, outputs) == labels[r]) {
                correct++;
            }
        }
        Nd4j.getBlasWrapper().level1().axpy(model.layout().size(), -config.learningRate(),
                workspace.gradient(), model.parameters());
        pending = 0;
        step++;
        return new BatchResult(step, rows, loss, correct);
    }

    /** Writes the learner's state (not its config, only the config hash) in binary form version 1. */
    public void writeTo(DataOutput out) throws IOException {
        out.writeInt(FORMAT_VERSION);
        out.writeUTF(config.hash());
        out.writeLong(step);
        out.writeLong(examplesSeen);
        float[] parameters = model.parameterValues();
        out.writeInt(parameters.length);
        for (float v : parameters) {
            out.writeFloat(v);
        }
        int inputs = config.model().inputs();
        out.writeInt(pending);
        FloatBuffer input = workspace.inputBuffer();
        for (int r = 0; r < pending; r++) {
            out.writeInt(labels[r]);
            for (int j = 0; j < inputs; j++) {
                out.writeFloat(input.get(r * inputs + j));
            }
        }
    }

    /** Reads a learner written by {@link #writeTo} for the same config; rejects other configs and versions. */
    public static OnlineLearner readFrom(DataInput in, LearnerConfig config) throws IOException {
        int version = in.readInt();
        if (version != FORMAT_VERSION) {
            throw new IOException("learner state has format version " + version + ", this build reads "
                    + FORMAT_VERSION);
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
        OnlineLearner learner = new OnlineLearner(config, Mlp.withParameters(config.model(), parameters));
        learner.step = step;
        int pending = in.readInt();
        float[] features = new float[config.model().inputs()];
        for (int r = 0; r < pending; r++) {
            int label = in.readInt();
            for (int j = 0; j < features.length; j++) {
                features[j] = in.readFloat();
            }
            learner.add(features, label);
        }
        learner.examplesSeen = examplesSeen;
        return learner;
    }
}
