package io.streamcl.core.replay;

import io.streamcl.core.optim.StatelessRandom;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import io.streamcl.core.state.LabeledRows;
import java.nio.FloatBuffer;

/**
 * A bounded replay memory of labeled examples ({@code docs/optimizers.md}), kept in the form they arrived in
 * ({@link LabeledRows}: 8-bit when the input is quantized) and allocated as it fills, up to at most the bytes of its
 * capacity in floats ({@link ReplayConfig#capacityFor}). Which example a new one replaces is the subclass's policy; its random
 * choices come from {@link StatelessRandom} keyed by (seed, number of offers), so a buffer is reproducible and its
 * snapshot needs no generator state. Replay batches are drawn without replacement (Floyd's algorithm) from a key the
 * caller derives from the update number.
 */
public abstract sealed class ReplayBuffer permits ReservoirBuffer, ClassBalancedBuffer {
    /** Version of the binary form written by {@link #writeTo}; 2 keeps the rows' form (1, floats, is still read). */
    public static final int FORMAT_VERSION = 2;

    protected final int capacity;
    protected final int inputs;
    protected final long key;
    protected final LabeledRows rows;
    protected int size;
    protected long offered;

    ReplayBuffer(int capacity, int inputs, long seed, long tag) {
        if (capacity < 1 || inputs < 1) {
            throw new IllegalArgumentException("replay buffer needs capacity and inputs of at least 1, got "
                    + capacity + " and " + inputs);
        }
        this.capacity = capacity;
        this.inputs = inputs;
        this.key = StatelessRandom.key(seed, tag);
        this.rows = new LabeledRows(capacity, inputs);
    }

    /** Most bytes per stored example: the features as floats and the label (8-bit rows take about a quarter). */
    static long bytesPerExample(int inputs) {
        return 4L * inputs + 4;
    }

    /** Bytes of bookkeeping independent of the capacity. */
    static long fixedBytes(ReplayConfig.Kind kind, int classes) {
        return kind == ReplayConfig.Kind.CLASS_BALANCED ? ClassBalancedBuffer.bookkeepingBytes(classes) : 0;
    }

    /** Offers the example in row {@code row} of {@code source} (as wide as this buffer) with its label. */
    public abstract void offer(LabeledRows source, int row);

    /**
     * Copies up to {@code count} distinct stored examples, drawn uniformly with {@code drawKey}, into rows {@code
     * first, first + 1, ...} of {@code rows} and {@code rowLabels}; returns how many (fewer when the buffer holds
     * fewer).
     */
    public int draw(long drawKey, int count, FloatBuffer target, int[] rowLabels, int first) {
        int n = Math.min(count, size);
        int[] chosen = new int[n];
        int k = 0;
        for (int j = size - n; j < size; j++) {
            int t = (int) (StatelessRandom.uniform(drawKey, j) * (j + 1));
            chosen[k] = contains(chosen, k, t) ? j : t;
            k++;
        }
        for (int r = 0; r < n; r++) {
            rows.copyInto(chosen[r], target, first + r);
            rowLabels[first + r] = rows.label(chosen[r]);
        }
        return n;
    }

    private static boolean contains(int[] values, int count, int value) {
        for (int i = 0; i < count; i++) {
            if (values[i] == value) {
                return true;
            }
        }
        return false;
    }

    /** Examples held now. */
    public int size() {
        return size;
    }

    /** Most examples it can hold: the smaller of the count and byte budgets. */
    public int capacity() {
        return capacity;
    }

    /** Examples offered so far. */
    public long offered() {
        return offered;
    }

    /** Label of stored example {@code slot} ({@code slot < size()}). */
    public int label(int slot) {
        return rows.label(slot);
    }

    /** Payload bytes of its arrays as allocated so far (JVM object headers aside). */
    public long bytes() {
        return rows.bytes();
    }

    /** Stores the example of row {@code row} of {@code source} in {@code slot}. */
    protected void store(int slot, LabeledRows source, int row) {
        rows.put(slot, source, row);
    }

    /** Writes the kind, the examples and the subclass's bookkeeping. */
    public void writeTo(DataOutput out) throws IOException {
        out.writeInt(FORMAT_VERSION);
        out.writeInt(capacity);
        out.writeInt(inputs);
        out.writeInt(size);
        out.writeLong(offered);
        rows.writeTo(out, size);
        writeBookkeeping(out);
    }

    /** Reads what {@link #writeTo} wrote into this fresh buffer of the same config; rejects other versions and shapes. */
    public void readFrom(DataInput in) throws IOException {
        int version = in.readInt();
        if (version < 1 || version > FORMAT_VERSION) {
            throw new IOException("replay buffer has format version " + version + ", this build reads 1 to "
                    + FORMAT_VERSION);
        }
        int storedCapacity = in.readInt();
        int storedInputs = in.readInt();
        if (storedCapacity != capacity || storedInputs != inputs) {
            throw new IOException("replay buffer of " + storedCapacity + " x " + storedInputs + " where " + capacity
                    + " x " + inputs + " is configured");
        }
        size = in.readInt();
        offered = in.readLong();
        if (version >= 2) {
            rows.readFrom(in, size);
        } else {
            rows.readFloatRows(in, size);
        }
        readBookkeeping(in);
    }

    protected abstract void writeBookkeeping(DataOutput out) throws IOException;

    protected abstract void readBookkeeping(DataInput in) throws IOException;
}
