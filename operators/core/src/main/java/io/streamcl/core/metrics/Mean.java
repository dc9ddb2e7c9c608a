package io.streamcl.core.metrics;

/** The mean of the known values added (null and NaN ones are skipped); null when none was known. */
final class Mean {
    private double sum;
    private int count;

    Mean add(Double value) {
        if (value != null && !value.isNaN()) {
            sum += value;
            count++;
        }
        return this;
    }

    Double result() {
        return count == 0 ? null : sum / count;
    }
}
