package io.streamcl.core.state;

import java.nio.FloatBuffer;

/**
 * One example's features in the form they arrived in: dense floats, or 8-bit values with a scale and an offset
 * (value = offset + scale * unsigned byte). A view over the caller's arrays, so a runtime can hand every record's
 * features to a learner without copying or dequantising them first.
 */
public final class Features {
    private float[] dense;
    private byte[] quantized;
    private float scale;
    private float offset;

    private Features() {}

    /** Dense features (the array is used, not copied). */
    public static Features dense(float[] values) {
        return new Features().setDense(values);
    }

    /** 8-bit features (the array is used, not copied). */
    public static Features quantized(byte[] values, float scale, float offset) {
        return new Features().setQuantized(values, scale, offset);
    }

    /** Points this view at dense features; returns it, so one view can serve every record. */
    public Features setDense(float[] values) {
        this.dense = values;
        this.quantized = null;
        return this;
    }

    /** Points this view at 8-bit features; returns it, so one view can serve every record. */
    public Features setQuantized(byte[] values, float scale, float offset) {
        this.quantized = values;
        this.scale = scale;
        this.offset = offset;
        this.dense = null;
        return this;
    }

    public boolean isQuantized() {
        return quantized != null;
    }

    public int length() {
        return quantized != null ? quantized.length : dense.length;
    }

    /** The 8-bit values (only when {@link #isQuantized()}). */
    byte[] bytes() {
        return quantized;
    }

    float scale() {
        return scale;
    }

    float offset() {
        return offset;
    }

    /** Writes the model inputs (dequantised if need be) into {@code target} from {@code at}. */
    public void copyInto(float[] target, int at) {
        if (quantized == null) {
            System.arraycopy(dense, 0, target, at, dense.length);
        } else {
            dequantize(quantized, 0, quantized.length, scale, offset, target, at);
        }
    }

    /** Writes the model inputs into row {@code row} of a row-major heap buffer (a workspace's input block). */
    public void copyInto(FloatBuffer target, int row) {
        copyInto(target.array(), target.arrayOffset() + row * length());
    }

    /**
     * Dequantises {@code length} 8-bit values from {@code values[from]} into {@code target[at]}; the one formula
     * every 8-bit path uses, so a row evaluated from 8-bit state equals the row dequantised on arrival.
     */
    static void dequantize(byte[] values, int from, int length, float scale, float offset, float[] target, int at) {
        for (int i = 0; i < length; i++) {
            target[at + i] = offset + scale * (values[from + i] & 0xFF);
        }
    }
}
