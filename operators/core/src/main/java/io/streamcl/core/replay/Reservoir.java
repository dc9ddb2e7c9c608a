package io.streamcl.core.replay;

import io.streamcl.core.optim.StatelessRandom;

/**
 * What every reservoir of labeled rows shares (replay memories, held-out sets): the slot of the n-th offer under
 * reservoir sampling (Vitter 1985, algorithm R) from counter-based random numbers.
 */
public final class Reservoir {
    private Reservoir() {}

    /**
     * The slot offer number {@code offered} (0-based) goes to when {@code size} of {@code capacity} slots are held:
     * the next free one ({@code == size}) until full, then a uniform slot with probability capacity / (offered + 1),
     * else -1 (not kept).
     */
    public static int slot(long key, long offered, int size, int capacity) {
        if (size < capacity) {
            return size;
        }
        long j = (long) (StatelessRandom.uniform(key, offered) * (offered + 1));
        return j < capacity ? (int) j : -1;
    }
}
