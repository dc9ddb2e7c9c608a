package io.streamcl.core.optim;

import io.streamcl.core.model.MlpConfig;
import io.streamcl.core.model.ParameterLayout;
import java.util.Arrays;

/**
 * The named parameter tensors of a model, each a contiguous range of the flat vector: every layer's weight matrix
 * and bias, and a normalised layer's LayerNorm gain and shift. They are the unit of the per-tensor rules: clipping
 * (Yang and Ma, EMNLP 2022), AdaGC, Stable-SPAM, Fira's limiter and the cautious mask's rescaling, which in PyTorch
 * act per {@code nn.Parameter}.
 */
public final class ParameterTensors {
    private final int[] bounds;

    private ParameterTensors(int[] bounds) {
        this.bounds = bounds;
    }

    /** The tensors of {@code model}'s layout. */
    public static ParameterTensors of(MlpConfig model) {
        return of(ParameterLayout.of(model));
    }

    /** The tensors of {@code layout}, in layout order. */
    public static ParameterTensors of(ParameterLayout layout) {
        int layers = layout.layers();
        int[] bounds = new int[4 * layers + 1];
        int n = 0;
        for (int l = 0; l < layers; l++) {
            bounds[n++] = layout.weightOffset(l);
            bounds[n++] = layout.biasOffset(l);
            if (layout.normalized(l)) {
                bounds[n++] = layout.gainOffset(l);
                bounds[n++] = layout.shiftOffset(l);
            }
        }
        bounds[n++] = layout.size();
        return new ParameterTensors(Arrays.copyOf(bounds, n));
    }

    /** Number of tensors. */
    public int count() {
        return bounds.length - 1;
    }

    /** First position of tensor {@code k}. */
    public int from(int k) {
        return bounds[k];
    }

    /** One past the last position of tensor {@code k}. */
    public int to(int k) {
        return bounds[k + 1];
    }

    /** Euclidean norm of tensor {@code k} of {@code values}, accumulated in double. */
    public double norm(float[] values, int k) {
        double sum = 0;
        for (int i = bounds[k]; i < bounds[k + 1]; i++) {
            sum += (double) values[i] * values[i];
        }
        return Math.sqrt(sum);
    }

    /** Multiplies tensor {@code k} of {@code values} by {@code factor}. */
    public void scale(float[] values, int k, double factor) {
        float f = (float) factor;
        for (int i = bounds[k]; i < bounds[k + 1]; i++) {
            values[i] *= f;
        }
    }

    /** Euclidean norm of the whole vector, accumulated in double. */
    public static double norm(float[] values) {
        double sum = 0;
        for (float v : values) {
            sum += (double) v * v;
        }
        return Math.sqrt(sum);
    }
}
