package io.streamcl.core.detect;

import java.util.Locale;

/** Which directions of change a detector reports: accuracy is watched {@code down}, a loss {@code up}. */
public enum Watch {
    UP,
    DOWN,
    BOTH;

    /** Whether a change in direction {@code d} is reported. */
    public boolean includes(Direction d) {
        return this == BOTH || (this == UP) == (d == Direction.UP);
    }

    /** The spelling used in detector specs: {@code up}, {@code down} or {@code both}. */
    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }
}
