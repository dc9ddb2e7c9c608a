package io.streamcl.core.metrics;

import java.util.ArrayDeque;
import java.util.List;

/**
 * The O(w^2) reference for WF^w and WP^w, computed the way De Lange et al.'s code does: after each evaluation,
 * the largest change over every ordered pair in the window of the last w evaluations, as a running maximum from 0.
 */
final class QuadraticWindowedChange {
    private final int window;
    private final boolean plasticity;
    private final ArrayDeque<Double> last = new ArrayDeque<>();
    private double largest;

    QuadraticWindowedChange(int window, boolean plasticity) {
        this.window = window;
        this.plasticity = plasticity;
    }

    static double of(List<Double> accuracies, int window, boolean plasticity) {
        QuadraticWindowedChange change = new QuadraticWindowedChange(window, plasticity);
        accuracies.forEach(change::add);
        return change.value();
    }

    void add(double accuracy) {
        last.addLast(accuracy);
        if (last.size() > window) {
            last.removeFirst();
        }
        Double[] values = last.toArray(new Double[0]);
        for (int m = 0; m < values.length; m++) {
            for (int n = m + 1; n < values.length; n++) {
                double change = plasticity ? values[n] - values[m] : values[m] - values[n];
                largest = Math.max(largest, change);
            }
        }
    }

    double value() {
        return last.isEmpty() ? Double.NaN : largest;
    }
}
