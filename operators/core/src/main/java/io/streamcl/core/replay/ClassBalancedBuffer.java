package io.streamcl.core.replay;

import io.streamcl.core.optim.StatelessRandom;
import io.streamcl.core.state.LabeledRows;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * A class-balanced replay memory filled in a stream: class-balancing reservoir sampling (Chrysakis and Moens,
 * "Online Continual Learning from Imbalanced Data", ICML 2020), the streaming counterpart of the class-balanced
 * buffer De Lange et al. rebuild at task ends. Once the memory is full, the currently largest classes are marked
 * full; an example of a class that is not full replaces a uniformly chosen example of a largest class, and one of
 * a full class c replaces a uniformly chosen example of its own class with probability m_c / n_c (stored over
 * seen). Every class thus keeps min(seen, about capacity / classes) examples however imbalanced the stream.
 *
 * <p>Bookkeeping: stored and seen counts and the full flag per class; the k-th example of a class is found by a
 * scan of the labels (O(capacity) per replacement, a few microseconds at 2000 slots, far below an update's cost)
 * instead of per-class slot lists, so the memory stays fixed and the state order-free.
 */
public final class ClassBalancedBuffer extends ReplayBuffer {
    private static final long TAG = 0x4342L;

    private final int[] stored;
    private final long[] seen;
    private final boolean[] full;

    public ClassBalancedBuffer(int capacity, int inputs, int classes, long seed) {
        super(capacity, inputs, seed, TAG);
        this.stored = new int[classes];
        this.seen = new long[classes];
        this.full = new boolean[classes];
    }

    static long bookkeepingBytes(int classes) {
        return 13L * classes;
    }

    @Override
    public long bytes() {
        return super.bytes() + bookkeepingBytes(stored.length);
    }

    /** Examples of class {@code c} held now. */
    public int stored(int c) {
        return stored[c];
    }

    @Override
    public void offer(LabeledRows source, int row) {
        int label = source.label(row);
        long n = offered++;
        seen[label]++;
        if (size < capacity) {
            stored[label]++;
            store(size++, source, row);
            return;
        }
        int largest = 0;
        for (int count : stored) {
            largest = Math.max(largest, count);
        }
        int largestClasses = 0;
        for (int c = 0; c < stored.length; c++) {
            if (stored[c] == largest) {
                full[c] = true;
                largestClasses++;
            }
        }
        double u = StatelessRandom.uniform(key, 2 * n);
        if (!full[label]) {
            int pick = (int) (u * largestClasses * largest);
            int victimClass = nthClassWith(largest, pick / largest);
            int slot = nthSlotOf(victimClass, pick % largest);
            stored[victimClass]--;
            stored[label]++;
            store(slot, source, row);
        } else if (u * seen[label] < stored[label]) {
            int pick = (int) (StatelessRandom.uniform(key, 2 * n + 1) * stored[label]);
            store(nthSlotOf(label, pick), source, row);
        }
    }

    private int nthClassWith(int count, int n) {
        for (int c = 0; c < stored.length; c++) {
            if (stored[c] == count && n-- == 0) {
                return c;
            }
        }
        throw new IllegalStateException("no class number " + n + " with " + count + " examples");
    }

    private int nthSlotOf(int label, int n) {
        for (int slot = 0; slot < size; slot++) {
            if (rows.label(slot) == label && n-- == 0) {
                return slot;
            }
        }
        throw new IllegalStateException("class " + label + " has fewer than " + (n + 1) + " examples");
    }

    @Override
    protected void writeBookkeeping(DataOutput out) throws IOException {
        out.writeInt(stored.length);
        for (int c = 0; c < stored.length; c++) {
            out.writeLong(seen[c]);
            out.writeBoolean(full[c]);
        }
    }

    @Override
    protected void readBookkeeping(DataInput in) throws IOException {
        int classes = in.readInt();
        if (classes != stored.length) {
            throw new IOException("replay buffer of " + classes + " classes where " + stored.length + " are configured");
        }
        for (int c = 0; c < classes; c++) {
            seen[c] = in.readLong();
            full[c] = in.readBoolean();
        }
        Arrays.fill(stored, 0);
        for (int slot = 0; slot < size; slot++) {
            stored[rows.label(slot)]++;
        }
    }
}
