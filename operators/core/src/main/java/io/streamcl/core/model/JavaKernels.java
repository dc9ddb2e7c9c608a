package io.streamcl.core.model;

import java.util.Arrays;

/**
 * {@link MatrixKernels} as plain Java loops whose inner loops run over contiguous rows, so C2 vectorises them;
 * zero inputs (ReLU outputs, blank pixels) skip their whole weight row. Fastest for batches of a few rows.
 */
final class JavaKernels implements MatrixKernels {
    private final ParameterLayout layout;

    JavaKernels(ParameterLayout layout) {
        this.layout = layout;
    }

    @Override
    public void load(float[] params) {
        // reads the heap parameters directly
    }

    @Override
    public void forward(int l, float[] a, int rows, float[] params, float[] z) {
        int in = layout.fanIn(l);
        int out = layout.fanOut(l);
        int w = layout.weightOffset(l);
        Arrays.fill(z, 0, rows * out, 0f);
        for (int r = 0; r < rows; r++) {
            int zBase = r * out;
            for (int i = 0; i < in; i++) {
                float x = a[r * in + i];
                if (x != 0f) {
                    int wBase = w + i * out;
                    for (int k = 0; k < out; k++) {
                        z[zBase + k] += x * params[wBase + k];
                    }
                }
            }
        }
    }

    @Override
    public void weightGradient(int l, float[] a, float[] delta, int rows, float[] grad) {
        int in = layout.fanIn(l);
        int out = layout.fanOut(l);
        int w = layout.weightOffset(l);
        // the first row assigns and later rows add, which saves a zero-fill pass over the matrix
        for (int i = 0; i < in; i++) {
            int gBase = w + i * out;
            float x = a[i];
            if (x == 0f) {
                Arrays.fill(grad, gBase, gBase + out, 0f);
            } else {
                for (int k = 0; k < out; k++) {
                    grad[gBase + k] = x * delta[k];
                }
            }
        }
        for (int r = 1; r < rows; r++) {
            int dBase = r * out;
            for (int i = 0; i < in; i++) {
                float x = a[r * in + i];
                if (x != 0f) {
                    int gBase = w + i * out;
                    for (int k = 0; k < out; k++) {
                        grad[gBase + k] += x * delta[dBase + k];
                    }
                }
            }
        }
    }

    @Override
    public void backpropagate(int l, float[] delta, int rows, float[] params, float[] below) {
        int in = layout.fanIn(l);
        int out = layout.fanOut(l);
        int w = layout.weightOffset(l);
        for (int r = 0; r < rows; r++) {
            for (int i = 0; i < in; i++) {
                below[r * in + i] = dot(delta, r * out, params, w + i * out, out);
            }
        }
    }

    /** Dot product with four independent accumulators: C2 does not reorder float sums, the CPU can. */
    private static float dot(float[] x, int xFrom, float[] y, int yFrom, int n) {
        float s0 = 0f;
        float s1 = 0f;
        float s2 = 0f;
        float s3 = 0f;
        int k = 0;
        for (; k + 3 < n; k += 4) {
            s0 += x[xFrom + k] * y[yFrom + k];
            s1 += x[xFrom + k + 1] * y[yFrom + k + 1];
            s2 += x[xFrom + k + 2] * y[yFrom + k + 2];
            s3 += x[xFrom + k + 3] * y[yFrom + k + 3];
        }
        for (; k < n; k++) {
            s0 += x[xFrom + k] * y[yFrom + k];
        }
        return (s0 + s1) + (s2 + s3);
    }
}
