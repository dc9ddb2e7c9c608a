package io.streamcl.core.replay;

import io.streamcl.core.optim.StatelessRandom;
import io.streamcl.core.state.FloatArrays;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * What every reservoir of labeled rows shares (replay memories, held-out sets): the slot of the n-th offer under
 * reservoir sampling (Vitter 1985, algorithm R) from counter-based random numbers, and the rows' binary form.
 */
public final class Reservoir {
    private Reservoir() {}

    /**
     * The slot offer number {@code offered} (0-based) goes to when {@code size} of {@code capacity} slots are held:
     * the next free one ({@code == size}) until full, then a uniform slot with probability capacity / (offered + 1),
     * else -1 (not kept).
     */
    public static int slot(long key, long offered, int size, int capacity) {
        if (size < capacity) {
            return size;
        }
        long j = (long) (StatelessRandom.uniform(key, offered) * (offered + 1));
        return j < capacity ? (int) j : -1;
    }

    /** Writes the first {@code rows} rows: each its label, then its {@code inputs} features. */
    public static void writeRows(DataOutput out, float[] features, int[] labels, int rows, int inputs)
            throws IOException {
        for (int r = 0; r < rows; r++) {
            out.writeInt(labels[r]);
            FloatArrays.write(out, features, r * inputs, inputs);
        }
    }

    /** Reads {@code rows} rows written by {@link #writeRows} into the arrays. */
    public static void readRows(DataInput in, float[] features, int[] labels, int rows, int inputs) throws IOException {
        for (int r = 0; r < rows; r++) {
            labels[r] = in.readInt();
            FloatArrays.read(in, features, r * inputs, inputs);
        }
    }
}
