package io.streamcl.core.model;

import java.nio.FloatBuffer;

/**
 * Preallocated buffers for forward and backward passes of one {@link Mlp} on mini-batches of up to
 * {@code capacity} rows, so the hot path allocates nothing.
 *
 * <p>Callers write inputs into {@link #inputBuffer()} (row-major, {@code rows x inputs}) and read the outputs
 * (class probabilities or regression predictions) from {@link #probabilityBuffer()}; the gradient of the last
 * backward pass is in {@link #gradient()} with the model's {@link ParameterLayout}.
 */
public final class MlpWorkspace {
    private final ParameterLayout layout;
    private final int capacity;
    final float[][] activations;
    final float[][] linear;
    final float[][] normalized;
    final float[][] preActivations;
    final float[][] invStd;
    final float[][] deltas;
    final float[] output;
    final float[] gradient;
    private final FloatBuffer inputView;
    private final FloatBuffer outputView;
    private final int gemmMinRows;
    private final JavaKernels javaKernels;
    private BlasKernels blasKernels;

    MlpWorkspace(ParameterLayout layout, int capacity, int gemmMinRows) {
        if (capacity < 1) {
            throw new IllegalArgumentException("workspace capacity must be positive, got " + capacity);
        }
        this.layout = layout;
        this.capacity = capacity;
        this.gemmMinRows = gemmMinRows;
        int layers = layout.layers();
        activations = new float[layers][];
        linear = new float[layers][];
        normalized = new float[layers][];
        preActivations = new float[layers][];
        invStd = new float[layers][];
        deltas = new float[layers][];
        for (int l = 0; l < layers; l++) {
            int out = layout.fanOut(l);
            activations[l] = new float[capacity * layout.fanIn(l)];
            linear[l] = new float[capacity * out];
            deltas[l] = new float[capacity * out];
            if (layout.normalized(l)) {
                normalized[l] = new float[capacity * out];
                preActivations[l] = new float[capacity * out];
                invStd[l] = new float[capacity];
            } else {
                preActivations[l] = linear[l];
            }
        }
        output = new float[capacity * layout.fanOut(layers - 1)];
        gradient = new float[layout.size()];
        inputView = FloatBuffer.wrap(activations[0]);
        outputView = FloatBuffer.wrap(output);
        javaKernels = new JavaKernels(layout);
    }

    public int capacity() {
        return capacity;
    }

    /** Row-major input rows; write example {@code r}'s feature {@code j} at {@code r * inputs + j}. */
    public FloatBuffer inputBuffer() {
        return inputView;
    }

    /** Row-major outputs of the last forward pass: class probabilities, or predictions for a regressor. */
    public FloatBuffer probabilityBuffer() {
        return outputView;
    }

    /** The live gradient of the last backward pass, laid out like the parameters. */
    public float[] gradient() {
        return gradient;
    }

    /** The live activations of hidden layer {@code l} from the last forward pass, {@code rows x width(l)}. */
    public float[] hiddenActivations(int l) {
        if (l < 0 || l >= layout.layers() - 1) {
            throw new IllegalArgumentException("hidden layer must be in [0, " + (layout.layers() - 1) + "), got " + l);
        }
        return activations[l + 1];
    }

    /** The kernels for a batch of {@code rows}: BLAS gemm from {@code gemmMinRows} rows on, Java below. */
    MatrixKernels kernels(int rows) {
        if (rows < gemmMinRows) {
            return javaKernels;
        }
        if (blasKernels == null) {
            blasKernels = new BlasKernels(layout, capacity);
        }
        return blasKernels;
    }

    void requireRows(int rows) {
        if (rows < 1 || rows > capacity) {
            throw new IllegalArgumentException("rows must be in [1, " + capacity + "], got " + rows);
        }
    }
}
