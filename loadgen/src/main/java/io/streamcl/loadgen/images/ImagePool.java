package io.streamcl.loadgen.images;

import io.streamcl.loadgen.Randomness;
import java.util.SplittableRandom;

/** Hands out image indices in a random order without repetition, reshuffling after every pass (epoch). */
final class ImagePool {

    private final int[] indices;
    private final SplittableRandom random;
    private int cursor;

    ImagePool(int[] indices, SplittableRandom random) {
        if (indices.length == 0) {
            throw new IllegalArgumentException("no images of the requested classes");
        }
        this.indices = indices.clone();
        this.random = random;
        shuffle();
    }

    int next() {
        if (cursor == indices.length) {
            shuffle();
        }
        return indices[cursor++];
    }

    int size() {
        return indices.length;
    }

    private void shuffle() {
        Randomness.shuffle(indices, random);
        cursor = 0;
    }
}
