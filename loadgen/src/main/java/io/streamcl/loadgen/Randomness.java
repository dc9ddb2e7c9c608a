package io.streamcl.loadgen;

import java.util.SplittableRandom;

/** Derives independent, reproducible random streams from one scenario seed (SplitMix64 mixing). */
public final class Randomness {

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private Randomness() {
    }

    /**
     * A seed for one purpose and index, so that e.g. the permutation of task 7 does not depend on how many
     * random numbers other tasks consumed.
     */
    public static long derive(long seed, String purpose, long index) {
        long h = mix(seed ^ mix(purpose.hashCode() * GOLDEN_GAMMA));
        return mix(h + (index + 1) * GOLDEN_GAMMA);
    }

    /** A random stream for one purpose and index. */
    public static SplittableRandom random(long seed, String purpose, long index) {
        return new SplittableRandom(derive(seed, purpose, index));
    }

    /** A random stream for one purpose. */
    public static SplittableRandom random(long seed, String purpose) {
        return random(seed, purpose, 0);
    }

    /**
     * A standard normal variate by Box-Muller; written out rather than {@code nextGaussian()} so the bytes a
     * seed produces do not depend on the JDK's choice of algorithm.
     */
    public static double gaussian(SplittableRandom rng) {
        double u1 = 1.0 - rng.nextDouble(); // in (0, 1], so the log is finite
        double u2 = rng.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
    }

    /** A uniformly random permutation of 0..n-1. */
    public static int[] permutation(int n, SplittableRandom rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        shuffle(p, rng);
        return p;
    }

    /** Shuffles {@code values} in place, uniformly (Fisher-Yates). */
    public static void shuffle(int[] values, SplittableRandom rng) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = values[i];
            values[i] = values[j];
            values[j] = t;
        }
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
