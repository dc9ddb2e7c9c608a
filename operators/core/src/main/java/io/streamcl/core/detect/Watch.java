package io.streamcl.core.detect;

import io.streamcl.core.spec.SpecArguments;
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

    /** Reads {@code key} as {@code up}, {@code down} or {@code both}, or {@code fallback} when absent. */
    static Watch read(SpecArguments args, String key, Watch fallback) {
        String raw = args.text(key, null);
        if (raw == null) {
            return fallback;
        }
        try {
            return Watch.valueOf(raw.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw args.invalid(key, "up, down or both");
        }
    }

    /** Fails unless {@code watch} is set. */
    static void require(Watch watch, String detector) {
        if (watch == null) {
            throw new IllegalArgumentException(detector + ".watch must be up, down or both, got null");
        }
    }
}
