package io.streamcl.core.model;

/**
 * Where each layer's weight matrix and bias vector sit inside the flat parameter vector of an {@link Mlp}.
 *
 * <p>Layer {@code l} maps {@code widths[l]} inputs to {@code widths[l+1]} outputs; its weights are stored
 * row-major as an {@code in x out} matrix followed by its {@code out} biases. The same layout is used for
 * gradients and every per-parameter optimizer state, so a stage can address "the weights of layer l" in any of
 * them.
 */
public final class ParameterLayout {
    private final int[] widths;
    private final long[] weightOffsets;
    private final long[] biasOffsets;
    private final long size;

    public ParameterLayout(int[] widths) {
        this.widths = widths.clone();
        int layers = widths.length - 1;
        weightOffsets = new long[layers];
        biasOffsets = new long[layers];
        long offset = 0;
        for (int l = 0; l < layers; l++) {
            weightOffsets[l] = offset;
            offset += (long) widths[l] * widths[l + 1];
            biasOffsets[l] = offset;
            offset += widths[l + 1];
        }
        size = offset;
    }

    /** Number of weight layers. */
    public int layers() {
        return widths.length - 1;
    }

    /** Input width of layer {@code l}. */
    public int fanIn(int l) {
        return widths[l];
    }

    /** Output width of layer {@code l}. */
    public int fanOut(int l) {
        return widths[l + 1];
    }

    public long weightOffset(int l) {
        return weightOffsets[l];
    }

    public long biasOffset(int l) {
        return biasOffsets[l];
    }

    /** Total number of parameters. */
    public long size() {
        return size;
    }
}
