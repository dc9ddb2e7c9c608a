package io.streamcl.core.state;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * Labeled example rows of a replay memory or a held-out set, kept in the form they arrived in: 8-bit values with a
 * scale and offset per row while every row came quantized (a quarter of the bytes of floats, in memory and in
 * state), floats once a dense row arrives (the 8-bit rows are then dequantised, once). Rows are allocated as they
 * are first written, doubling up to the capacity, so a store holds what it sampled rather than its capacity.
 *
 * <p>Reading a row back always gives the floats the arrival-time dequantisation gives ({@link Features}), so
 * training and evaluation do not depend on the stored form.
 */
public final class LabeledRows {
    /** Tag of the binary form: rows as floats. */
    private static final int DENSE = 0;
    /** Tag of the binary form: rows as 8-bit values with scale and offset. */
    private static final int QUANTIZED = 1;
    private static final int FIRST_ROWS = 16;

    private final int capacity;
    private final int inputs;
    private int[] labels = new int[0];
    /** The 8-bit form (null once dense, or while empty). */
    private byte[] bytes;
    private float[] scales;
    private float[] offsets;
    /** The dense form (null while every row is 8-bit). */
    private float[] floats;

    public LabeledRows(int capacity, int inputs) {
        this.capacity = capacity;
        this.inputs = inputs;
    }

    /** Whether rows are held as 8-bit values (no dense row was ever written). */
    public boolean quantized() {
        return floats == null;
    }

    /** Rows allocated so far (at most the capacity). */
    public int allocated() {
        return labels.length;
    }

    /** Payload bytes of the allocated arrays (JVM object headers aside). */
    public long bytes() {
        return 4L * labels.length + (floats != null ? 4L * floats.length : bytes == null ? 0 : bytes.length + 8L
                * scales.length);
    }

    /** Stores {@code x} with {@code label} in row {@code slot} (below the capacity). */
    public void put(int slot, Features x, int label) {
        if (x.length() != inputs) {
            throw new IllegalArgumentException("features has " + x.length() + " values, the rows hold " + inputs);
        }
        ensure(slot + 1, x.isQuantized());
        if (floats == null) {
            System.arraycopy(x.bytes(), 0, bytes, slot * inputs, inputs);
            scales[slot] = x.scale();
            offsets[slot] = x.offset();
        } else {
            x.copyInto(floats, slot * inputs);
        }
        labels[slot] = label;
    }

    /** Copies row {@code from} of {@code source} (same width) into row {@code slot}. */
    public void put(int slot, LabeledRows source, int from) {
        ensure(slot + 1, source.floats == null);
        if (floats == null) {
            System.arraycopy(source.bytes, from * inputs, bytes, slot * inputs, inputs);
            scales[slot] = source.scales[from];
            offsets[slot] = source.offsets[from];
        } else {
            source.copyInto(from, floats, slot * inputs);
        }
        labels[slot] = source.labels[from];
    }

    /** A copy of the first {@code rows} rows in the same form, e.g. a snapshot for scoring on another thread. */
    public LabeledRows copy(int rows) {
        LabeledRows copy = new LabeledRows(capacity, inputs);
        copy.labels = Arrays.copyOf(labels, rows);
        if (floats != null) {
            copy.floats = Arrays.copyOf(floats, rows * inputs);
        } else if (bytes != null) {
            copy.bytes = Arrays.copyOf(bytes, rows * inputs);
            copy.scales = Arrays.copyOf(scales, rows);
            copy.offsets = Arrays.copyOf(offsets, rows);
        }
        return copy;
    }

    public int label(int row) {
        return labels[row];
    }

    /** Writes row {@code row}'s model inputs into {@code target} from {@code at}. */
    public void copyInto(int row, float[] target, int at) {
        if (floats != null) {
            System.arraycopy(floats, row * inputs, target, at, inputs);
        } else {
            Features.dequantize(bytes, row * inputs, inputs, scales[row], offsets[row], target, at);
        }
    }

    /** Writes row {@code row}'s model inputs into row {@code targetRow} of a row-major heap buffer. */
    public void copyInto(int row, FloatBuffer target, int targetRow) {
        copyInto(row, target.array(), target.arrayOffset() + targetRow * inputs);
    }

    /** The first {@code rows} rows as row-major floats (a fresh array, for rare uses such as diagnostics). */
    public float[] toFloats(int rows) {
        float[] values = new float[rows * inputs];
        for (int r = 0; r < rows; r++) {
            copyInto(r, values, r * inputs);
        }
        return values;
    }

    /** Makes room for {@code rows} rows; the first row written decides the form, a dense one ends the 8-bit form. */
    private void ensure(int rows, boolean quantizedRow) {
        if (labels.length == 0) {
            allocate(Math.min(capacity, Math.max(rows, FIRST_ROWS)), quantizedRow);
        } else if (rows > labels.length) {
            allocate(Math.min(capacity, Math.max(rows, 2 * labels.length)), floats == null);
        }
        if (!quantizedRow && floats == null) {
            float[] dense = new float[labels.length * inputs];
            for (int r = 0; r < labels.length; r++) {
                copyInto(r, dense, r * inputs);
            }
            floats = dense;
            bytes = null;
            scales = null;
            offsets = null;
        }
    }

    private void allocate(int rows, boolean quantizedForm) {
        labels = Arrays.copyOf(labels, rows);
        if (quantizedForm && floats == null) {
            bytes = bytes == null ? new byte[rows * inputs] : Arrays.copyOf(bytes, rows * inputs);
            scales = scales == null ? new float[rows] : Arrays.copyOf(scales, rows);
            offsets = offsets == null ? new float[rows] : Arrays.copyOf(offsets, rows);
        } else {
            floats = floats == null ? new float[rows * inputs] : Arrays.copyOf(floats, rows * inputs);
        }
    }

    /** Writes the first {@code rows} rows: the form, the labels, then the values (and 8-bit rows' scales, offsets). */
    public void writeTo(DataOutput out, int rows) throws IOException {
        boolean eightBit = floats == null;
        out.writeByte(eightBit ? QUANTIZED : DENSE);
        if (rows == 0) {
            return;
        }
        ByteBuffer header = ByteBuffer.allocate((eightBit ? 12 : 4) * rows);
        header.asIntBuffer().put(labels, 0, rows);
        if (eightBit) {
            header.position(4 * rows);
            header.asFloatBuffer().put(scales, 0, rows);
            header.position(8 * rows);
            header.asFloatBuffer().put(offsets, 0, rows);
        }
        out.write(header.array());
        if (eightBit) {
            out.write(bytes, 0, rows * inputs);
        } else {
            FloatArrays.write(out, floats, 0, rows * inputs);
        }
    }

    /** Reads {@code rows} rows written by {@link #writeTo} into this empty store. */
    public void readFrom(DataInput in, int rows) throws IOException {
        int form = in.readByte();
        if (form != DENSE && form != QUANTIZED) {
            throw new IOException("example rows have form " + form + ", expected " + DENSE + " (floats) or "
                    + QUANTIZED + " (8-bit)");
        }
        boolean eightBit = form == QUANTIZED;
        ensure(Math.max(rows, 1), eightBit);
        byte[] header = new byte[(eightBit ? 12 : 4) * rows];
        in.readFully(header);
        ByteBuffer view = ByteBuffer.wrap(header);
        view.asIntBuffer().get(labels, 0, rows);
        if (eightBit) {
            view.position(4 * rows);
            view.asFloatBuffer().get(scales, 0, rows);
            view.position(8 * rows);
            view.asFloatBuffer().get(offsets, 0, rows);
            in.readFully(bytes, 0, rows * inputs);
        } else {
            FloatArrays.read(in, floats, 0, rows * inputs);
        }
    }

    /** Reads {@code rows} rows of the float-only form of earlier state versions (each its label, then its floats). */
    public void readFloatRows(DataInput in, int rows) throws IOException {
        ensure(Math.max(rows, 1), false);
        for (int r = 0; r < rows; r++) {
            labels[r] = in.readInt();
            FloatArrays.read(in, floats, r * inputs, inputs);
        }
    }
}
