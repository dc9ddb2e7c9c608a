package io.streamcl.core.model;

/**
 * Where each layer's weight matrix, bias vector and LayerNorm gain and offset sit inside the flat parameter
 * vector of an {@link Mlp}.
 *
 * <p>Layer {@code l} maps {@code widths[l]} inputs to {@code widths[l+1]} outputs; its weights are stored
 * row-major as an {@code in x out} matrix (so unit {@code i}'s incoming weights are column {@code i}, its
 * outgoing weights row {@code i} of the next layer) followed by its {@code out} biases and, for a normalised
 * hidden layer, {@code out} LayerNorm gains and {@code out} offsets. The same layout is used for gradients and
 * every per-parameter optimizer state, so a stage can address "the weights of layer l" in any of them.
 */
public final class ParameterLayout {
    private final int[] widths;
    private final int[] weightOffsets;
    private final int[] biasOffsets;
    private final int[] gainOffsets;
    private final int size;

    /** A layout without LayerNorm. */
    public ParameterLayout(int[] widths) {
        this(widths, false);
    }

    /** A layout whose hidden layers carry LayerNorm parameters when {@code layerNorm} is set. */
    public ParameterLayout(int[] widths, boolean layerNorm) {
        this.widths = widths.clone();
        int layers = widths.length - 1;
        weightOffsets = new int[layers];
        biasOffsets = new int[layers];
        gainOffsets = new int[layers];
        long offset = 0;
        for (int l = 0; l < layers; l++) {
            weightOffsets[l] = Math.toIntExact(offset);
            offset += (long) widths[l] * widths[l + 1];
            biasOffsets[l] = Math.toIntExact(offset);
            offset += widths[l + 1];
            gainOffsets[l] = -1;
            if (layerNorm && l < layers - 1) {
                gainOffsets[l] = Math.toIntExact(offset);
                offset += 2L * widths[l + 1];
            }
        }
        size = Math.toIntExact(offset);
    }

    /** The layout of {@code config}'s model. */
    public static ParameterLayout of(MlpConfig config) {
        return new ParameterLayout(config.widths(), config.layerNorm());
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

    public int weightOffset(int l) {
        return weightOffsets[l];
    }

    public int biasOffset(int l) {
        return biasOffsets[l];
    }

    /** Whether layer {@code l} is followed by LayerNorm. */
    public boolean normalized(int l) {
        return gainOffsets[l] >= 0;
    }

    /** Offset of layer {@code l}'s LayerNorm gains; its offsets (shifts) follow them. */
    public int gainOffset(int l) {
        if (!normalized(l)) {
            throw new IllegalArgumentException("layer " + l + " has no LayerNorm");
        }
        return gainOffsets[l];
    }

    /** Offset of layer {@code l}'s LayerNorm shifts. */
    public int shiftOffset(int l) {
        return gainOffset(l) + widths[l + 1];
    }

    /** Total number of parameters. */
    public int size() {
        return size;
    }
}
