package io.streamcl.core.detect;

/** The direction of one detected change in a stream's level. */
public enum Direction {
    UP,
    DOWN;

    /** +1 for {@link #UP}, -1 for {@link #DOWN}: multiplying a value by it turns this direction into "up". */
    public int sign() {
        return this == UP ? 1 : -1;
    }
}
