package io.streamcl.core.eval;

import io.streamcl.core.optim.StatelessRandom;
import io.streamcl.core.replay.Reservoir;
import io.streamcl.core.state.Features;
import io.streamcl.core.state.LabeledRows;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * A bounded, uniformly sampled evaluation set of one task: reservoir sampling (Vitter 1985, algorithm R) over the
 * task's held-out examples, so the set is a uniform sample of everything offered however long the task runs.
 *
 * <p>The replacement slot for the n-th offer is drawn from {@link StatelessRandom} keyed by (seed, task), so the
 * set is reproducible and a snapshot needs no generator state.
 *
 * <p>Rows are kept in the form they arrived in ({@link LabeledRows}: 8-bit when the input is quantized) and
 * allocated as the set fills, so a key with many tasks or sparse EVAL examples holds what it sampled rather than
 * capacity x inputs floats per task from the start.
 */
public final class HeldOutSet {
    private final int taskId;
    private final int capacity;
    private final int inputs;
    private final long key;
    private final LabeledRows rows;
    private int size;
    private long offered;

    public HeldOutSet(int taskId, int capacity, int inputs, long seed) {
        this(taskId, capacity, inputs, StatelessRandom.key(seed, 0x4E1DL, taskId), new LabeledRows(capacity, inputs));
        if (capacity < 1) {
            throw new IllegalArgumentException("eval.samples-per-task must be positive, got " + capacity);
        }
    }

    private HeldOutSet(int taskId, int capacity, int inputs, long key, LabeledRows rows) {
        this.taskId = taskId;
        this.capacity = capacity;
        this.inputs = inputs;
        this.key = key;
        this.rows = rows;
    }

    /** A copy of the rows held now, which later offers leave unchanged (what an evaluation on another thread reads). */
    public HeldOutSet snapshot() {
        HeldOutSet copy = new HeldOutSet(taskId, capacity, inputs, key, rows.copy(size));
        copy.size = size;
        copy.offered = offered;
        return copy;
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
    public void offer(Features x, int label) {
        if (x.length() != inputs) {
            throw new IllegalArgumentException("features has " + x.length() + " values, the set holds " + inputs);
        }
        int slot = Reservoir.slot(key, offered, size, capacity);
        size += slot == size ? 1 : 0;
        offered++;
        if (slot >= 0) {
            rows.put(slot, x, label);
        }
    }

    /** Offers one example of dense features. */
    public void offer(float[] x, int label) {
        offer(Features.dense(x), label);
    }

    /** The held rows in their stored form (read them, never write them); only the first {@link #size()} count. */
    public LabeledRows rows() {
        return rows;
    }

    /** Row-major model inputs of the held examples, a fresh array (for rare uses: diagnostics, tests). */
    public float[] features() {
        return rows.toFloats(size);
    }

    int label(int row) {
        return rows.label(row);
    }

    /** Writes the set with its rows in their stored form ({@link LabeledRows}). */
    public void writeTo(DataOutput out) throws IOException {
        out.writeInt(taskId);
        out.writeInt(capacity);
        out.writeInt(inputs);
        out.writeInt(size);
        out.writeLong(offered);
        rows.writeTo(out, size);
    }

    /**
     * Reads a set written by {@link #writeTo} (learner state {@code version} 3 and later) or by an earlier version,
     * whose rows were floats; {@code seed} must be the one it was created with.
     */
    public static HeldOutSet readFrom(DataInput in, long seed, int version) throws IOException {
        HeldOutSet set = new HeldOutSet(in.readInt(), in.readInt(), in.readInt(), seed);
        set.size = in.readInt();
        set.offered = in.readLong();
        if (version >= 3) {
            set.rows.readFrom(in, set.size);
        } else {
            set.rows.readFloatRows(in, set.size);
        }
        return set;
    }
}
