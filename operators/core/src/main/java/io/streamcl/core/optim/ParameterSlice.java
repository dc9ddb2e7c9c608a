package io.streamcl.core.optim;

/**
 * A strided set of positions in the flat parameter vector, {@code offset + k * stride} for {@code k < count}:
 * a unit's incoming weights (a column, stride = layer width), its outgoing weights (a row, stride 1) or a bias.
 */
public record ParameterSlice(int offset, int count, int stride) {

    public ParameterSlice {
        if (offset < 0 || count < 0 || stride < 1) {
            throw new IllegalArgumentException("bad slice offset=" + offset + " count=" + count + " stride=" + stride);
        }
    }

    /** Position of the {@code k}-th element. */
    public int index(int k) {
        return offset + k * stride;
    }

    /** Sets every position of the slice to {@code value} in {@code array}. */
    public void fill(float[] array, float value) {
        for (int k = 0; k < count; k++) {
            array[offset + k * stride] = value;
        }
    }

    /** Sets every position of the slice to {@code value} in {@code array}. */
    public void fill(int[] array, int value) {
        for (int k = 0; k < count; k++) {
            array[offset + k * stride] = value;
        }
    }
}
