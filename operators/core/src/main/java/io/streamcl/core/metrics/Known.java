package io.streamcl.core.metrics;

/** Turns this package's stored "not known" markers (NaN, or -1 for a step) into the null that reports carry. */
final class Known {
    private Known() {}

    static Double orNull(double value) {
        return Double.isNaN(value) ? null : value;
    }

    static Long orNull(long step) {
        return step < 0 ? null : step;
    }
}
