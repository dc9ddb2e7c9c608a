package io.streamcl.core.metrics;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Windowed forgetting WF^w or windowed plasticity WP^w of one task (De Lange et al., ICLR 2023): the largest drop
 * (or rise) of accuracy between two evaluations among w consecutive ones, maximised over the whole sequence.
 *
 * <p>Streaming form ({@code docs/metrics.md}): WF = max over n of [max over n-w &lt; m &lt; n of A_m, minus A_n].
 * A monotone deque keeps the sliding maximum of the previous w-1 accuracies, so each evaluation costs O(1)
 * amortised and a task holds at most w entries; WP is WF of the negated accuracies. Like the reference code
 * (running maximum started at 0), the value is 0 after the first evaluation and never negative.
 */
final class WindowedChange {
    private final int window;
    private final boolean plasticity;
    private final long[] positions;
    private final double[] values;
    private int head;
    private int size;
    private long count;
    private double largest;

    private WindowedChange(int window, boolean plasticity) {
        if (window < 2) {
            throw new IllegalArgumentException("window must be at least 2 evaluations, got " + window);
        }
        this.window = window;
        this.plasticity = plasticity;
        this.positions = new long[window];
        this.values = new double[window];
    }

    static WindowedChange forgetting(int window) {
        return new WindowedChange(window, false);
    }

    static WindowedChange plasticity(int window) {
        return new WindowedChange(window, true);
    }

    void add(double accuracy) {
        double value = plasticity ? -accuracy : accuracy;
        while (size > 0 && positions[head] <= count - window) {
            head = (head + 1) % window;
            size--;
        }
        if (size > 0) {
            largest = Math.max(largest, values[head] - value);
        }
        // An older entry not above the new one can never be a window maximum again.
        while (size > 0 && values[slot(size - 1)] <= value) {
            size--;
        }
        positions[slot(size)] = count;
        values[slot(size)] = value;
        size++;
        count++;
    }

    /** The metric so far; NaN before the first evaluation. */
    double value() {
        return count == 0 ? Double.NaN : largest;
    }

    /** Entries held in the deque, at most the window. */
    int retained() {
        return size;
    }

    private int slot(int offset) {
        return (head + offset) % window;
    }

    void writeTo(DataOutput out) throws IOException {
        out.writeLong(count);
        out.writeDouble(largest);
        out.writeInt(size);
        for (int i = 0; i < size; i++) {
            out.writeLong(positions[slot(i)]);
            out.writeDouble(values[slot(i)]);
        }
    }

    static WindowedChange readFrom(DataInput in, int window, boolean plasticity) throws IOException {
        WindowedChange change = new WindowedChange(window, plasticity);
        change.count = in.readLong();
        change.largest = in.readDouble();
        int size = in.readInt();
        if (size < 0 || size > window) {
            throw new IOException("window of " + window + " evaluations cannot hold " + size + " entries");
        }
        for (int i = 0; i < size; i++) {
            change.positions[i] = in.readLong();
            change.values[i] = in.readDouble();
        }
        change.size = size;
        return change;
    }
}
