package io.streamcl.core.optim;

/**
 * Flushes subnormal floats to zero in decaying state such as Adam's moments: a moment whose gradient stays zero
 * (a dead unit, an always-blank pixel) decays geometrically through the subnormal range, where every x86
 * instruction touching it takes a ~100-cycle microcode assist, and Java cannot set the CPU's flush-to-zero mode.
 */
public final class Subnormals {
    /**
     * 2^-100: adding and subtracting it rounds every |x| < 2^-124 to zero and leaves every |x| >= 2^-76 exact; in
     * between the absolute error is below 2^-124, far under anything an optimizer state can resolve.
     */
    private static final float SHIFT = 0x1p-100f;

    private Subnormals() {}

    /** {@code x} with subnormal values (and values within 2^-124 of zero) replaced by zero; branch-free. */
    public static float flush(float x) {
        return (x + SHIFT) - SHIFT;
    }
}
