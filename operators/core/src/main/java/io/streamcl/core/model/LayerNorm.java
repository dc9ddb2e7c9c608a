package io.streamcl.core.model;

/**
 * Layer normalisation of one row (Ba, Kiros and Hinton 2016): {@code y = gain * (z - mean) / sqrt(var + EPS) +
 * shift} with the biased variance over the row's units, as PyTorch's {@code LayerNorm}.
 */
final class LayerNorm {
    /** PyTorch's default epsilon. */
    static final float EPS = 1e-5f;

    private LayerNorm() {}

    /** Normalises {@code z[from, from+n)} into {@code xhat} and {@code y}; returns {@code 1 / sqrt(var + EPS)}. */
    static float forward(float[] z, int from, int n, float[] params, int gain, int shift, float[] xhat, float[] y) {
        float mean = 0f;
        for (int k = 0; k < n; k++) {
            mean += z[from + k];
        }
        mean /= n;
        float var = 0f;
        for (int k = 0; k < n; k++) {
            float d = z[from + k] - mean;
            var += d * d;
        }
        float invStd = (float) (1.0 / Math.sqrt(var / n + EPS));
        for (int k = 0; k < n; k++) {
            float x = (z[from + k] - mean) * invStd;
            xhat[from + k] = x;
            y[from + k] = params[gain + k] * x + params[shift + k];
        }
        return invStd;
    }

    /**
     * Turns {@code d[from, from+n)} from the gradient with respect to {@code y} into the gradient with respect to
     * {@code z}, in place, and adds the gain and shift gradients into {@code grad}.
     */
    static void backward(float[] d, int from, int n, float[] xhat, float invStd, float[] params, int gain, int shift,
            float[] grad) {
        float meanG = 0f;
        float meanGx = 0f;
        for (int k = 0; k < n; k++) {
            float dy = d[from + k];
            float x = xhat[from + k];
            grad[gain + k] += dy * x;
            grad[shift + k] += dy;
            float g = dy * params[gain + k];
            meanG += g;
            meanGx += g * x;
        }
        meanG /= n;
        meanGx /= n;
        for (int k = 0; k < n; k++) {
            float g = d[from + k] * params[gain + k];
            d[from + k] = invStd * (g - meanG - xhat[from + k] * meanGx);
        }
    }
}
