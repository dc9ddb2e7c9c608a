package io.streamcl.core.model;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A multi-layer perceptron (optional LayerNorm before each hidden activation; softmax cross-entropy or squared
 * error at the output) whose parameters live in one flat float vector laid out by {@link ParameterLayout}.
 *
 * <p>The three matrix products per layer go through {@link MatrixKernels}: plain Java loops below {@link
 * #GEMM_MIN_ROWS} rows, where a gemm call's fixed cost would dominate, and OpenBLAS gemm on direct-buffer copies
 * from there on.
 * Element-wise work (bias, LayerNorm, activation, softmax, their derivatives) is always plain Java over heap
 * arrays, which C2 vectorises (an ND4J op costs ~15 µs of dispatch, hundreds of times a plain loop over a 256-vector).
 *
 * <p>Initialisation follows {@link MlpConfig#init()} from a seeded generator, so equal configs give equal
 * models: weights uniform on {@code [-bound, bound]} ({@link MlpConfig#initBound}), biases and LayerNorm shifts
 * zero, LayerNorm gains one.
 */
public final class Mlp {
    /**
     * Batches of at least this many rows use BLAS gemm, smaller ones plain Java: the Java kernels stream the whole
     * weight matrix once per row, so they win only while a gemm call's fixed cost and OpenBLAS's weak single-row
     * path dominate; for MLP 784-256-256-10 here Java was 1.4x faster at 1 row, BLAS 1.5x faster at 2 rows and 3x
     * at 4 (medians of interleaved runs).
     */
    public static final int GEMM_MIN_ROWS = 2;

    /**
     * The latest config's initial parameters: a new learner needs them up to three times (its model, the optimizer's
     * reference weights, EMA weights) and every key of a job shares the config, so drawing them once per config
     * instead of per use saves hundreds of thousands of random draws per new key.
     */
    private static final AtomicReference<Initial> LATEST_INITIAL = new AtomicReference<>();

    private record Initial(MlpConfig config, float[] values) {}

    private final MlpConfig config;
    private final ParameterLayout layout;
    private final float[] params;
    /** The one-row workspace of {@link #predict}, made on first use: predictions allocate only their result. */
    private MlpWorkspace predictWorkspace;

    private Mlp(MlpConfig config, float[] params) {
        this.config = config;
        this.layout = ParameterLayout.of(config);
        this.params = params;
    }

    /** A freshly initialised model. */
    public static Mlp initialize(MlpConfig config) {
        return new Mlp(config, initialParameters(config));
    }

    /** A model with the given parameter values (copied), e.g. restored from a snapshot. */
    public static Mlp withParameters(MlpConfig config, float[] values) {
        int expected = ParameterLayout.of(config).size();
        if (values.length != expected) {
            throw new IllegalArgumentException(
                    "parameter vector has " + values.length + " values, " + config + " needs " + expected);
        }
        return new Mlp(config, values.clone());
    }

    /** The seeded initial parameters of {@code config}'s model, laid out as {@link ParameterLayout} (a fresh copy). */
    public static float[] initialParameters(MlpConfig config) {
        Initial latest = LATEST_INITIAL.get();
        if (latest == null || !latest.config().equals(config)) {
            latest = new Initial(config, drawInitialParameters(config));
            LATEST_INITIAL.set(latest);
        }
        return latest.values().clone();
    }

    private static float[] drawInitialParameters(MlpConfig config) {
        ParameterLayout layout = ParameterLayout.of(config);
        float[] values = new float[layout.size()];
        SplittableRandom random = new SplittableRandom(config.seed());
        for (int l = 0; l < layout.layers(); l++) {
            double bound = config.initBound(l);
            for (int i = layout.weightOffset(l); i < layout.biasOffset(l); i++) {
                values[i] = (float) random.nextDouble(-bound, bound);
            }
            if (layout.normalized(l)) {
                int gain = layout.gainOffset(l);
                Arrays.fill(values, gain, gain + layout.fanOut(l), 1f);
            }
        }
        return values;
    }

    public MlpConfig config() {
        return config;
    }

    public ParameterLayout layout() {
        return layout;
    }

    /** The live flat parameter vector; optimizers update it in place. */
    public float[] parameters() {
        return params;
    }

    /** A copy of the parameter values. */
    public float[] parameterValues() {
        return params.clone();
    }

    /** A workspace for mini-batches of up to {@code capacity} rows. */
    public MlpWorkspace workspace(int capacity) {
        return workspace(capacity, GEMM_MIN_ROWS);
    }

    /** A workspace that switches to BLAS gemm from {@code gemmMinRows} rows on (tests and the bench pick paths). */
    MlpWorkspace workspace(int capacity, int gemmMinRows) {
        return new MlpWorkspace(layout, capacity, gemmMinRows);
    }

    /**
     * Class probabilities (or regression predictions) for one example, in a new array; the forward pass reuses one
     * workspace, so one thread at a time may predict.
     */
    public float[] predict(float[] features) {
        if (features.length != config.inputs()) {
            throw new IllegalArgumentException(
                    "features has " + features.length + " values, the model takes " + config.inputs());
        }
        if (predictWorkspace == null) {
            predictWorkspace = workspace(1);
        }
        MlpWorkspace ws = predictWorkspace;
        System.arraycopy(features, 0, ws.activations[0], 0, features.length);
        forward(ws, 1);
        return Arrays.copyOf(ws.output, config.outputs());
    }

    /**
     * Forward pass on the first {@code rows} rows of {@code ws.inputBuffer()}; the outputs end up in {@code
     * ws.probabilityBuffer()} and every hidden activation in {@link MlpWorkspace#hiddenActivations}.
     */
    public void forward(MlpWorkspace ws, int rows) {
        ws.requireRows(rows);
        MatrixKernels kernels = ws.kernels(rows);
        kernels.load(params);
        Activation activation = config.activation();
        int last = layout.layers() - 1;
        for (int l = 0; l <= last; l++) {
            float[] z = ws.linear[l];
            kernels.forward(l, ws.activations[l], rows, params, z);
            int width = layout.fanOut(l);
            int bias = layout.biasOffset(l);
            if (l < last && !layout.normalized(l)) {
                addBiasAndActivate(z, ws.activations[l + 1], rows, width, bias, activation);
                continue;
            }
            for (int r = 0; r < rows; r++) {
                for (int k = 0; k < width; k++) {
                    z[r * width + k] += params[bias + k];
                }
            }
            if (l == last) {
                writeOutputs(z, ws.output, rows, width);
                continue;
            }
            float[] y = ws.preActivations[l];
            for (int r = 0; r < rows; r++) {
                ws.invStd[l][r] = LayerNorm.forward(z, r * width, width, params, layout.gainOffset(l),
                        layout.shiftOffset(l), ws.normalized[l], y);
            }
            float[] h = ws.activations[l + 1];
            for (int i = 0; i < rows * width; i++) {
                h[i] = activation.apply(y[i]);
            }
        }
    }

    /** {@code z += bias} and {@code h = activation(z)} in one pass over the layer's outputs (one memory sweep). */
    private void addBiasAndActivate(float[] z, float[] h, int rows, int width, int bias, Activation activation) {
        for (int r = 0; r < rows; r++) {
            int row = r * width;
            for (int k = 0; k < width; k++) {
                float v = z[row + k] + params[bias + k];
                z[row + k] = v;
                h[row + k] = activation.apply(v);
            }
        }
    }

    /**
     * Forward and backward pass of a classifier's mini-batch: writes the gradient of the mean cross-entropy into
     * {@code ws.gradient()} and returns the mean loss. The probabilities of the forward pass stay in {@code
     * ws.probabilityBuffer()}, so a caller gets its prequential predictions for free.
     */
    public double lossAndGradient(MlpWorkspace ws, int rows, int[] labels) {
        return lossAndGradient(ws, rows, labels, null);
    }

    /**
     * As {@link #lossAndGradient(MlpWorkspace, int, int[])} with row r's cross-entropy weighted by {@code
     * rowWeights[r]}: writes the gradient of {@code Σ_r w_r L_r} and returns that sum; null weights are 1/rows each
     * (the mean). A replay-mixed batch weights its n new rows w/n and its m replay rows (1 - w)/m ({@code docs/optimizers.md}).
     */
    public double lossAndGradient(MlpWorkspace ws, int rows, int[] labels, float[] rowWeights) {
        requireLoss(Loss.SOFTMAX_CROSS_ENTROPY);
        forward(ws, rows);
        int outputs = config.outputs();
        float[] p = ws.output;
        float[] delta = ws.deltas[layout.layers() - 1];
        double loss = 0;
        double weighted = 0;
        float invRows = 1f / rows;
        for (int r = 0; r < rows; r++) {
            int label = labels[r];
            if (label < 0 || label >= outputs) {
                throw new IllegalArgumentException("label must be in [0, " + outputs + "), got " + label);
            }
            float weight = rowWeights == null ? invRows : rowWeights[r];
            double rowLoss = -Math.log(Math.max(p[r * outputs + label], 1e-12f));
            loss += rowLoss;
            weighted += weight * rowLoss;
            for (int k = 0; k < outputs; k++) {
                float target = k == label ? 1f : 0f;
                delta[r * outputs + k] = (p[r * outputs + k] - target) * weight;
            }
        }
        backward(ws, rows);
        return rowWeights == null ? loss / rows : weighted;
    }

    /**
     * Forward and backward pass of a regressor's mini-batch against row-major {@code targets} ({@code rows x
     * outputs}): writes the gradient of the mean squared error into {@code ws.gradient()} and returns that error.
     */
    public double lossAndGradient(MlpWorkspace ws, int rows, float[] targets) {
        requireLoss(Loss.SQUARED_ERROR);
        forward(ws, rows);
        int n = rows * config.outputs();
        float[] y = ws.output;
        float[] delta = ws.deltas[layout.layers() - 1];
        double loss = 0;
        float scale = 2f / n;
        for (int i = 0; i < n; i++) {
            float e = y[i] - targets[i];
            loss += (double) e * e;
            delta[i] = scale * e;
        }
        backward(ws, rows);
        return loss / n;
    }

    private void requireLoss(Loss expected) {
        if (config.loss() != expected) {
            throw new IllegalArgumentException("this model's loss is " + config.loss() + ", not " + expected);
        }
    }

    private void writeOutputs(float[] z, float[] out, int rows, int width) {
        if (config.classifies()) {
            softmaxRows(z, out, rows, width);
        } else {
            System.arraycopy(z, 0, out, 0, rows * width);
        }
    }

    private void backward(MlpWorkspace ws, int rows) {
        MatrixKernels kernels = ws.kernels(rows);
        Activation activation = config.activation();
        float[] grad = ws.gradient;
        for (int l = layout.layers() - 1; l >= 0; l--) {
            float[] delta = ws.deltas[l];
            kernels.weightGradient(l, ws.activations[l], delta, rows, grad);
            int width = layout.fanOut(l);
            int bias = layout.biasOffset(l);
            Arrays.fill(grad, bias, bias + width, 0f);
            for (int r = 0; r < rows; r++) {
                for (int k = 0; k < width; k++) {
                    grad[bias + k] += delta[r * width + k];
                }
            }
            if (l > 0) {
                backpropagateInto(ws, kernels, l, rows, activation);
            }
        }
    }

    /** Turns layer l's delta into layer l-1's: through W_l, the activation derivative and LayerNorm. */
    private void backpropagateInto(MlpWorkspace ws, MatrixKernels kernels, int l, int rows, Activation activation) {
        int below = l - 1;
        float[] d = ws.deltas[below];
        kernels.backpropagate(l, ws.deltas[l], rows, params, d);
        float[] y = ws.preActivations[below];
        int width = layout.fanOut(below);
        for (int i = 0; i < rows * width; i++) {
            d[i] *= activation.derivative(y[i]);
        }
        if (layout.normalized(below)) {
            int gain = layout.gainOffset(below);
            int shift = layout.shiftOffset(below);
            Arrays.fill(ws.gradient, gain, gain + 2 * width, 0f);
            for (int r = 0; r < rows; r++) {
                LayerNorm.backward(d, r * width, width, ws.normalized[below], ws.invStd[below][r], params, gain,
                        shift, ws.gradient);
            }
        }
    }

    private static void softmaxRows(float[] z, float[] p, int rows, int width) {
        for (int r = 0; r < rows; r++) {
            int base = r * width;
            float max = Float.NEGATIVE_INFINITY;
            for (int k = 0; k < width; k++) {
                max = Math.max(max, z[base + k]);
            }
            float sum = 0f;
            for (int k = 0; k < width; k++) {
                float e = Subnormals.flush((float) Math.exp(z[base + k] - max));
                p[base + k] = e;
                sum += e;
            }
            float inv = 1f / sum;
            for (int k = 0; k < width; k++) {
                // a tail probability of 1e-30 would make its output-layer gradients subnormal
                p[base + k] = Subnormals.flushTiny(p[base + k] * inv);
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
