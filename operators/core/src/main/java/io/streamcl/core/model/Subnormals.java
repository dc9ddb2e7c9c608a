package io.streamcl.core.model;

/**
 * Flushes subnormal floats to zero where they arise: softmax tails ({@code exp} of -90), decaying optimizer
 * state (a moment whose gradient stays zero passes through the subnormal range) and squares of tiny gradients.
 * On Intel CPUs every instruction touching a subnormal takes a ~100-cycle microcode assist (measured: Adam 6x
 * slower on a gradient with tiny entries), and Java cannot set the CPU's flush-to-zero mode.
 */
public final class Subnormals {
    /**
     * 2^-100: adding and subtracting it rounds every |x| < 2^-124 to zero and leaves every |x| >= 2^-76 exact; in
     * between the absolute error is below 2^-124, far under anything an optimizer state can resolve.
     */
    private static final float SHIFT = 0x1p-100f;

    /** 2^-32: {@link #flushTiny} rounds |x| below 2^-56 (~1.4e-17) to zero and keeps |x| >= 2^-9 exact. */
    private static final float TINY_SHIFT = 0x1p-32f;

    private Subnormals() {}

    /** {@code x} with subnormal values (and values within 2^-124 of zero) replaced by zero; branch-free. */
    public static float flush(float x) {
        return (x + SHIFT) - SHIFT;
    }

    /**
     * {@code x} on a grid of 2^-55 (absolute error below 3e-17): exact for |x| >= 2^-9, zero below 2^-56, so that
     * products with it stay normal (a squared gradient times Adam's {@code 1 - β2 >= 1e-4}; a softmax probability
     * times an input of 1/255); branch-free.
     */
    public static float flushTiny(float x) {
        return (x + TINY_SHIFT) - TINY_SHIFT;
    }
}
