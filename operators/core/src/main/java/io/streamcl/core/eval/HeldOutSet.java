package io.streamcl.core.eval;

import io.streamcl.core.optim.StatelessRandom;
import io.streamcl.core.replay.Reservoir;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * A bounded, uniformly sampled evaluation set of one task: reservoir sampling (Vitter 1985, algorithm R) over the
 * task's held-out examples, so the set is a uniform sample of everything offered however long the task runs.
 *
 * <p>The replacement slot for the n-th offer is drawn from {@link StatelessRandom} keyed by (seed, task), so the
 * set is reproducible and a snapshot needs no generator state.
 *
 * <p>Rows are allocated as the set fills (doubling up to the capacity), so a key with many tasks or sparse EVAL
 * examples holds what it sampled rather than capacity x inputs floats per task from the start.
 */
public final class HeldOutSet {
    private final int taskId;
    private final int capacity;
    private final int inputs;
    private final long key;
    private static final int FIRST_ROWS = 16;

    private float[] features;
    private int[] labels;
    private int size;
    private long offered;

    public HeldOutSet(int taskId, int capacity, int inputs, long seed) {
        if (capacity < 1) {
            throw new IllegalArgumentException("eval.samples-per-task must be positive, got " + capacity);
        }
        this.taskId = taskId;
        this.capacity = capacity;
        this.inputs = inputs;
        this.key = StatelessRandom.key(seed, 0x4E1DL, taskId);
        allocate(Math.min(capacity, FIRST_ROWS));
    }

    private void allocate(int rows) {
        features = features == null ? new float[rows * inputs] : Arrays.copyOf(features, rows * inputs);
        labels = labels == null ? new int[rows] : Arrays.copyOf(labels, rows);
    }

    public int taskId() {
        return taskId;
    }

    /** Examples currently held (at most the capacity). */
    public int size() {
        return size;
    }

    /** Examples offered so far. */
    public long offered() {
        return offered;
    }

    /** Offers one example; it is kept with probability capacity / offered. */
    public void offer(float[] x, int label) {
        if (x.length != inputs) {
            throw new IllegalArgumentException("features has " + x.length + " values, the set holds " + inputs);
        }
        int slot = Reservoir.slot(key, offered, size, capacity);
        if (slot == labels.length) {
            allocate(Math.min(capacity, 2 * slot));
        }
        size += slot == size ? 1 : 0;
        offered++;
        if (slot >= 0) {
            System.arraycopy(x, 0, features, slot * inputs, inputs);
            labels[slot] = label;
        }
    }

    /**
     * Row-major features of the held examples, the live array (read it, never write it); only the first {@code
     * size() * inputs} values are meaningful.
     */
    public float[] features() {
        return features;
    }

    int label(int row) {
        return labels[row];
    }

    public void writeTo(DataOutput out) throws IOException {
        out.writeInt(taskId);
        out.writeInt(capacity);
        out.writeInt(inputs);
        out.writeInt(size);
        out.writeLong(offered);
        Reservoir.writeRows(out, features, labels, size, inputs);
    }

    /** Reads a set written by {@link #writeTo}; {@code seed} must be the one it was created with. */
    public static HeldOutSet readFrom(DataInput in, long seed) throws IOException {
        HeldOutSet set = new HeldOutSet(in.readInt(), in.readInt(), in.readInt(), seed);
        set.size = in.readInt();
        set.offered = in.readLong();
        set.allocate(Math.max(set.size, set.labels.length));
        Reservoir.readRows(in, set.features, set.labels, set.size, set.inputs);
        return set;
    }
}
