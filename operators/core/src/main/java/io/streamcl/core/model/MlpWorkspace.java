package io.streamcl.core.model;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Preallocated buffers for forward and backward passes of one {@link Mlp} on mini-batches of up to
 * {@code capacity} rows, so the hot path allocates nothing.
 *
 * <p>Callers write inputs into {@link #inputBuffer()} (row-major, {@code rows x inputs}) and read class
 * probabilities from {@link #probabilityBuffer()}; the gradient of the last backward pass is in {@link
 * #gradient()} with the model's {@link ParameterLayout}.
 */
public final class MlpWorkspace {
    private final ParameterLayout layout;
    private final int capacity;
    private final INDArray[] activations;
    private final INDArray[] preActivations;
    private final INDArray[] deltas;
    private final INDArray probabilities;
    private final INDArray gradient;
    private final INDArray[] weightGradients;
    private final FloatBuffer[] activationBuffers;
    private final FloatBuffer[] preActivationBuffers;
    private final FloatBuffer[] deltaBuffers;
    private final FloatBuffer probabilityBuffer;
    private final FloatBuffer gradientBuffer;

    MlpWorkspace(ParameterLayout layout, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("workspace capacity must be positive, got " + capacity);
        }
        this.layout = layout;
        this.capacity = capacity;
        int layers = layout.layers();
        activations = new INDArray[layers];
        preActivations = new INDArray[layers];
        deltas = new INDArray[layers];
        activationBuffers = new FloatBuffer[layers];
        preActivationBuffers = new FloatBuffer[layers];
        deltaBuffers = new FloatBuffer[layers];
        for (int l = 0; l < layers; l++) {
            activations[l] = matrix(layout.fanIn(l));
            preActivations[l] = matrix(layout.fanOut(l));
            deltas[l] = matrix(layout.fanOut(l));
            activationBuffers[l] = activations[l].data().asNioFloat();
            preActivationBuffers[l] = preActivations[l].data().asNioFloat();
            deltaBuffers[l] = deltas[l].data().asNioFloat();
        }
        probabilities = matrix(layout.fanOut(layers - 1));
        probabilityBuffer = probabilities.data().asNioFloat();
        gradient = Nd4j.create(DataType.FLOAT, layout.size());
        gradientBuffer = gradient.data().asNioFloat();
        weightGradients = Mlp.matrixViews(layout, gradient);
    }

    private INDArray matrix(int columns) {
        return Nd4j.create(DataType.FLOAT, new long[] {capacity, columns}, 'c');
    }

    public int capacity() {
        return capacity;
    }

    /** Row-major input rows; write example {@code r}'s feature {@code j} at {@code r * inputs + j}. */
    public FloatBuffer inputBuffer() {
        return activationBuffers[0];
    }

    /** Row-major class probabilities of the last forward pass. */
    public FloatBuffer probabilityBuffer() {
        return probabilityBuffer;
    }

    /** The gradient of the last backward pass, laid out like the parameters. */
    public INDArray gradient() {
        return gradient;
    }

    FloatBuffer gradientBuffer() {
        return gradientBuffer;
    }

    INDArray weightGradient(int l) {
        return weightGradients[l];
    }

    INDArray activationView(int l, int rows) {
        return rows(activations[l], rows);
    }

    FloatBuffer activationBuffer(int l) {
        return activationBuffers[l];
    }

    INDArray preActivation(int l, int rows) {
        return rows(preActivations[l], rows);
    }

    FloatBuffer preActivationBuffer(int l) {
        return preActivationBuffers[l];
    }

    INDArray delta(int l, int rows) {
        return rows(deltas[l], rows);
    }

    FloatBuffer deltaBuffer(int l) {
        return deltaBuffers[l];
    }

    void requireRows(int rows) {
        if (rows < 1 || rows > capacity) {
            throw new IllegalArgumentException("rows must be in [1, " + capacity + "], got " + rows);
        }
    }

    private INDArray rows(INDArray matrix, int rows) {
        return rows == capacity ? matrix : matrix.get(NDArrayIndex.interval(0, rows), NDArrayIndex.all());
    }
}
