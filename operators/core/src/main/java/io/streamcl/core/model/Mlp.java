package io.streamcl.core.model;

import java.nio.FloatBuffer;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A multi-layer perceptron with softmax cross-entropy output whose parameters live in one flat float vector.
 *
 * <p>Matrix products go through ND4J's gemm into preallocated buffers ({@link MlpWorkspace}); element-wise work
 * (bias, activation, softmax, their derivatives) runs as plain Java loops over NIO views of the same native
 * memory, because ND4J's per-op dispatch costs microseconds while these loops cost nanoseconds per element
 * (build-notes.md, "ND4J cost model").
 *
 * <p>Initialisation is Kaiming-uniform for the weights ({@code U(-sqrt(6/fan_in), sqrt(6/fan_in))}, He et al.
 * 2015) and zero for the biases, from a seeded generator so that equal configs give equal models.
 */
public final class Mlp {
    private final MlpConfig config;
    private final ParameterLayout layout;
    private final INDArray parameters;
    private final INDArray[] weights;
    private final FloatBuffer flat;

    private Mlp(MlpConfig config, INDArray parameters) {
        this.config = config;
        this.layout = new ParameterLayout(config.widths());
        this.parameters = parameters;
        this.weights = matrixViews(layout, parameters);
        this.flat = parameters.data().asNioFloat();
    }

    /** A freshly initialised model. */
    public static Mlp initialize(MlpConfig config) {
        return new Mlp(config, Nd4j.createFromArray(initialParameters(config)));
    }

    /** A model with the given parameter values (copied), e.g. restored from a snapshot. */
    public static Mlp withParameters(MlpConfig config, float[] values) {
        long expected = new ParameterLayout(config.widths()).size();
        if (values.length != expected) {
            throw new IllegalArgumentException(
                    "parameter vector has " + values.length + " values, " + config + " needs " + expected);
        }
        return new Mlp(config, Nd4j.createFromArray(values.clone()));
    }

    /** Seeded Kaiming-uniform weights and zero biases, laid out as {@link ParameterLayout}. */
    public static float[] initialParameters(MlpConfig config) {
        ParameterLayout layout = new ParameterLayout(config.widths());
        float[] values = new float[Math.toIntExact(layout.size())];
        SplittableRandom random = new SplittableRandom(config.seed());
        for (int l = 0; l < layout.layers(); l++) {
            double bound = Math.sqrt(6.0 / layout.fanIn(l));
            int from = (int) layout.weightOffset(l);
            int to = (int) layout.biasOffset(l);
            for (int i = from; i < to; i++) {
                values[i] = (float) random.nextDouble(-bound, bound);
            }
        }
        return values;
    }

    /** Row-major {@code in x out} matrix views of each layer's weights inside {@code flat}. */
    static INDArray[] matrixViews(ParameterLayout layout, INDArray flat) {
        INDArray[] views = new INDArray[layout.layers()];
        for (int l = 0; l < layout.layers(); l++) {
            long from = layout.weightOffset(l);
            views[l] = flat.get(NDArrayIndex.interval(from, layout.biasOffset(l)))
                    .reshape('c', layout.fanIn(l), layout.fanOut(l));
        }
        return views;
    }

    public MlpConfig config() {
        return config;
    }

    public ParameterLayout layout() {
        return layout;
    }

    /** The live flat parameter vector; optimizers update it in place. */
    public INDArray parameters() {
        return parameters;
    }

    /** A copy of the parameter values. */
    public float[] parameterValues() {
        return parameters.toFloatVector();
    }

    /** A workspace for mini-batches of up to {@code capacity} rows. */
    public MlpWorkspace workspace(int capacity) {
        return new MlpWorkspace(layout, capacity);
    }

    /**
     * Forward pass on the first {@code rows} rows of {@code ws.input()}; the class probabilities end up in
     * {@code ws.probabilities()}.
     */
    public void forward(MlpWorkspace ws, int rows) {
        ws.requireRows(rows);
        Activation activation = config.activation();
        int last = layout.layers() - 1;
        for (int l = 0; l <= last; l++) {
            INDArray pre = ws.preActivation(l, rows);
            Nd4j.gemm(ws.activationView(l, rows), weights[l], pre, false, false, 1.0, 0.0);
            FloatBuffer z = ws.preActivationBuffer(l);
            int width = layout.fanOut(l);
            int biasOffset = (int) layout.biasOffset(l);
            int n = rows * width;
            for (int i = 0; i < n; i++) {
                z.put(i, z.get(i) + flat.get(biasOffset + i % width));
            }
            if (l < last) {
                FloatBuffer a = ws.activationBuffer(l + 1);
                for (int i = 0; i < n; i++) {
                    a.put(i, activation.apply(z.get(i)));
                }
            } else {
                softmaxRows(z, ws.probabilityBuffer(), rows, width);
            }
        }
    }

    /**
     * Forward and backward pass for a mini-batch: writes the gradient of the mean cross-entropy into
     * {@code ws.gradient()} (same layout as the parameters) and returns the mean loss. The probabilities of the
     * forward pass stay in {@code ws.probabilities()}, so a caller gets its prequential predictions for free.
     */
    public double lossAndGradient(MlpWorkspace ws, int rows, int[] labels) {
        forward(ws, rows);
        int outputs = config.outputs();
        FloatBuffer p = ws.probabilityBuffer();
        FloatBuffer delta = ws.deltaBuffer(layout.layers() - 1);
        double loss = 0;
        float invRows = 1f / rows;
        for (int r = 0; r < rows; r++) {
            int label = labels[r];
            if (label < 0 || label >= outputs) {
                throw new IllegalArgumentException("label must be in [0, " + outputs + "), got " + label);
            }
            loss -= Math.log(Math.max(p.get(r * outputs + label), 1e-12f));
            for (int k = 0; k < outputs; k++) {
                float target = k == label ? 1f : 0f;
                delta.put(r * outputs + k, (p.get(r * outputs + k) - target) * invRows);
            }
        }
        backward(ws, rows);
        return loss / rows;
    }

    private void backward(MlpWorkspace ws, int rows) {
        Activation activation = config.activation();
        FloatBuffer grad = ws.gradientBuffer();
        for (int l = layout.layers() - 1; l >= 0; l--) {
            INDArray delta = ws.delta(l, rows);
            Nd4j.gemm(ws.activationView(l, rows), delta, ws.weightGradient(l), true, false, 1.0, 0.0);
            int width = layout.fanOut(l);
            int biasOffset = (int) layout.biasOffset(l);
            FloatBuffer d = ws.deltaBuffer(l);
            for (int k = 0; k < width; k++) {
                grad.put(biasOffset + k, 0f);
            }
            for (int i = 0; i < rows * width; i++) {
                grad.put(biasOffset + i % width, grad.get(biasOffset + i % width) + d.get(i));
            }
            if (l > 0) {
                INDArray below = ws.delta(l - 1, rows);
                Nd4j.gemm(delta, weights[l], below, false, true, 1.0, 0.0);
                FloatBuffer db = ws.deltaBuffer(l - 1);
                FloatBuffer z = ws.preActivationBuffer(l - 1);
                for (int i = 0; i < rows * layout.fanIn(l); i++) {
                    db.put(i, db.get(i) * activation.derivative(z.get(i)));
                }
            }
        }
    }

    private static void softmaxRows(FloatBuffer z, FloatBuffer p, int rows, int width) {
        for (int r = 0; r < rows; r++) {
            int base = r * width;
            float max = Float.NEGATIVE_INFINITY;
            for (int k = 0; k < width; k++) {
                max = Math.max(max, z.get(base + k));
            }
            float sum = 0f;
            for (int k = 0; k < width; k++) {
                float e = (float) Math.exp(z.get(base + k) - max);
                p.put(base + k, e);
                sum += e;
            }
            for (int k = 0; k < width; k++) {
                p.put(base + k, p.get(base + k) / sum);
            }
        }
    }

    /** Index of the largest of {@code width} probabilities of row {@code row}. */
    public static int argMax(FloatBuffer probabilities, int row, int width) {
        int best = 0;
        for (int k = 1; k < width; k++) {
            if (probabilities.get(row * width + k) > probabilities.get(row * width + best)) {
                best = k;
            }
        }
        return best;
    }
}
