package io.streamcl.loadgen;

/** Argument checks whose messages name the parameter (spelled like its CLI option) and the rejected value. */
public final class Check {

    private Check() {
    }

    /** Requires {@code value >= min}. */
    public static long atLeast(String name, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be at least " + min + ", was " + value);
        }
        return value;
    }

    /** Requires {@code value >= min}. */
    public static int atLeast(String name, int value, int min) {
        return (int) atLeast(name, (long) value, min);
    }

    /** Requires {@code min <= value < maxExclusive}. */
    public static double inRange(String name, double value, double min, double maxExclusive) {
        if (!(value >= min && value < maxExclusive)) {
            throw new IllegalArgumentException(name + " must be in [" + min + ", " + maxExclusive + "), was " + value);
        }
        return value;
    }

    /** Requires {@code min <= value <= max}. */
    public static double between(String name, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException(name + " must be in [" + min + ", " + max + "], was " + value);
        }
        return value;
    }

    /** Requires a finite {@code value > 0}. */
    public static double positive(String name, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be a positive number, was " + value);
        }
        return value;
    }
}
