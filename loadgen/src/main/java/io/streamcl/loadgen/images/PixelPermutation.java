package io.streamcl.loadgen.images;

import io.streamcl.loadgen.Randomness;
import java.util.SplittableRandom;

/** Shuffles pixel positions by a fixed permutation, the input transform of Permuted MNIST. */
public final class PixelPermutation implements ImageTransform {

    private final int[] source;

    private PixelPermutation(int[] source) {
        this.source = source;
    }

    /** A uniformly random permutation of {@code pixels} positions. */
    public static PixelPermutation random(int pixels, SplittableRandom random) {
        return new PixelPermutation(Randomness.permutation(pixels, random));
    }

    /** Output pixel {@code i} is input pixel {@code sourceOf(i)}. */
    public int sourceOf(int i) {
        return source[i];
    }

    /** Number of positions permuted. */
    public int size() {
        return source.length;
    }

    @Override
    public byte[] apply(byte[] image) {
        byte[] out = new byte[source.length];
        for (int i = 0; i < source.length; i++) {
            out[i] = image[source[i]];
        }
        return out;
    }
}
