package io.streamcl.core.optim;

/**
 * Counter-based random numbers: the value for {@code (key, index)} is a hash (SplitMix64's finaliser, Steele et
 * al. 2014) of the two, so noise and re-initialisation are reproducible from the seed, the update number and the
 * position alone, and a snapshot needs no generator state.
 *
 * <p>Normal variates come from a table of the 65,536 equiprobable quantiles {@code Φ⁻¹((j + ½) / 65536)} (Acklam's
 * rational approximation, relative error below 1.2e-9), rescaled to unit variance, indexed by 16 bits of the hash:
 * one hash and one look-up (~3 ns) instead of Box–Muller's log, square root and cosine (~25 ns), which matters
 * when shrink-and-perturb or UPGD draw one per parameter per step; and one 64-bit hash serves four positions
 * (16-bit lanes), so a loop pays a quarter of a hash per variate. Deliberate approximation: the distribution is
 * normal up to its discreteness, with tails cut at ±4.3σ (mass 2e-5), irrelevant for perturbation noise.
 */
public final class StatelessRandom {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    private static final int LEVEL_BITS = 16;
    private static final float[] QUANTILES = quantiles(1 << LEVEL_BITS);

    private StatelessRandom() {}

    /** A key for one use, e.g. {@code key(seed, STAGE_TAG, step, layer)}. */
    public static long key(long... parts) {
        long h = GOLDEN;
        for (long part : parts) {
            h = mix(h ^ mix(part + GOLDEN));
        }
        return h;
    }

    /** Uniform on [0, 1). */
    public static double uniform(long key, long index) {
        return (bits(key, index) >>> 11) * 0x1.0p-53;
    }

    /** Uniform on [-bound, bound). */
    public static double uniform(long key, long index, double bound) {
        return (2 * uniform(key, index) - 1) * bound;
    }

    /** Standard normal (quantised, see the class comment): lane {@code index & 3} of block {@code index >>> 2}. */
    public static float gaussian(long key, long index) {
        return gaussianLane(block(key, index >>> 2), (int) index & 3);
    }

    /**
     * Uniform on (-1, 1), 65,536 equally spaced levels (symmetric, mean exactly 0): lane {@code index & 3} of block
     * {@code index >>> 2}.
     */
    public static float uniformNoise(long key, long index) {
        return uniformLane(block(key, index >>> 2), (int) index & 3);
    }

    /**
     * The 64 random bits of block {@code block}: four 16-bit lanes, so that a loop over positions draws four
     * variates per hash ({@link #gaussianLane}, {@link #uniformLane}) and still gives position {@code i} the value
     * {@code gaussian(key, i)} or {@code uniformNoise(key, i)}, whatever range it covers.
     */
    public static long block(long key, long block) {
        return bits(key, block);
    }

    /** Standard normal from lane {@code lane} (0 to 3) of {@code block}'s bits. */
    public static float gaussianLane(long block, int lane) {
        return QUANTILES[lane(block, lane)];
    }

    /** Uniform on (-1, 1) from lane {@code lane} (0 to 3) of {@code block}'s bits. */
    public static float uniformLane(long block, int lane) {
        return (lane(block, lane) + 0.5f) * (2f / (1 << LEVEL_BITS)) - 1f;
    }

    private static int lane(long block, int lane) {
        return (int) (block >>> (LEVEL_BITS * lane)) & ((1 << LEVEL_BITS) - 1);
    }

    private static long bits(long key, long index) {
        return mix(key + (index + 1) * GOLDEN);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static float[] quantiles(int levels) {
        double[] z = new double[levels];
        double squares = 0;
        for (int j = 0; j < levels; j++) {
            z[j] = inverseNormal((j + 0.5) / levels);
            squares += z[j] * z[j];
        }
        double scale = Math.sqrt(levels / squares);
        float[] table = new float[levels];
        for (int j = 0; j < levels; j++) {
            table[j] = (float) (z[j] * scale);
        }
        return table;
    }

    /** Acklam's approximation of the standard normal quantile function Φ⁻¹(p), 0 < p < 1. */
    static double inverseNormal(double p) {
        double low = 0.02425;
        if (p < low) {
            return tail(Math.sqrt(-2 * Math.log(p)));
        }
        if (p > 1 - low) {
            return -tail(Math.sqrt(-2 * Math.log(1 - p)));
        }
        double q = p - 0.5;
        double r = q * q;
        return (((((-3.969683028665376e+01 * r + 2.209460984245205e+02) * r - 2.759285104469687e+02) * r
                + 1.383577518672690e+02) * r - 3.066479806614716e+01) * r + 2.506628277459239e+00) * q
                / (((((-5.447609879822406e+01 * r + 1.615858368580409e+02) * r - 1.556989798598866e+02) * r
                + 6.680131188771972e+01) * r - 1.328068155288572e+01) * r + 1);
    }

    private static double tail(double q) {
        return (((((-7.784894002430293e-03 * q - 3.223964580411365e-01) * q - 2.400758277161838e+00) * q
                - 2.549732539343734e+00) * q + 4.374664141464968e+00) * q + 2.938163982698783e+00)
                / ((((7.784695709041462e-03 * q + 3.224671290700398e-01) * q + 2.445134137142996e+00) * q
                + 3.754408661907416e+00) * q + 1);
    }
}
