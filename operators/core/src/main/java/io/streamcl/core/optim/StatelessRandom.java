package io.streamcl.core.optim;

/**
 * Counter-based random numbers: the value for {@code (key, index)} is a hash (SplitMix64's finaliser, Steele et
 * al. 2014) of the two, so noise and re-initialisation are reproducible from the seed, the update number and the
 * position alone, and a snapshot needs no generator state.
 */
public final class StatelessRandom {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

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
        return (mix(key + (index + 1) * GOLDEN) >>> 11) * 0x1.0p-53;
    }

    /** Uniform on [-bound, bound). */
    public static double uniform(long key, long index, double bound) {
        return (2 * uniform(key, index) - 1) * bound;
    }

    /** Standard normal by Box-Muller: one log, one square root and one cosine per number. */
    public static double gaussian(long key, long index) {
        double u1 = 1.0 - uniform(key, 2 * index);
        double u2 = uniform(key, 2 * index + 1);
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
