package io.streamcl.core.replay;

import java.io.DataInput;
import java.io.DataOutput;
import io.streamcl.core.state.LabeledRows;

/**
 * A replay memory that is a uniform sample of everything offered (reservoir sampling, Vitter 1985, algorithm R):
 * the n-th offer replaces a uniformly chosen slot with probability capacity / n once the memory is full, so old
 * tasks keep a share proportional to their length.
 */
public final class ReservoirBuffer extends ReplayBuffer {
    private static final long TAG = 0x5245L;

    public ReservoirBuffer(int capacity, int inputs, long seed) {
        super(capacity, inputs, seed, TAG);
    }

    @Override
    public void offer(LabeledRows source, int row) {
        int slot = Reservoir.slot(key, offered, size, capacity);
        size += slot == size ? 1 : 0;
        offered++;
        if (slot >= 0) {
            store(slot, source, row);
        }
    }

    @Override
    protected void writeBookkeeping(DataOutput out) {}

    @Override
    protected void readBookkeeping(DataInput in) {}
}
