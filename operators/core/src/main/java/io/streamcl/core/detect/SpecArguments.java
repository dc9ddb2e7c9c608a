package io.streamcl.core.detect;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Reads a {@link DetectorSpec}'s parameters with defaults, remembering which were read so that {@link #finish}
 * can reject unknown keys; every error names the detector, the key and the bad value.
 */
final class SpecArguments {
    private final DetectorSpec spec;
    private final Set<String> known = new LinkedHashSet<>();

    SpecArguments(DetectorSpec spec) {
        this.spec = spec;
    }

    double number(String key, double fallback) {
        String raw = raw(key);
        if (raw == null) {
            return fallback;
        }
        try {
            return Double.parseDouble(raw);
        } catch (NumberFormatException e) {
            throw bad(key, raw, "a number");
        }
    }

    int integer(String key, int fallback) {
        String raw = raw(key);
        if (raw == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            throw bad(key, raw, "an integer");
        }
    }

    Watch watch(String key, Watch fallback) {
        String raw = raw(key);
        if (raw == null) {
            return fallback;
        }
        try {
            return Watch.valueOf(raw.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw bad(key, raw, "up, down or both");
        }
    }

    /** Rejects any parameter that no read asked for; call after reading all of them. */
    void finish() {
        for (String key : spec.parameters().keySet()) {
            if (!known.contains(key)) {
                throw new IllegalArgumentException(spec.name() + ": unknown parameter '" + key + "' (known: "
                        + String.join(", ", known) + ")");
            }
        }
    }

    private String raw(String key) {
        known.add(key);
        return spec.parameters().get(key);
    }

    private IllegalArgumentException bad(String key, String raw, String expected) {
        return new IllegalArgumentException(spec.name() + ": parameter " + key + "='" + raw + "' must be " + expected);
    }

    /** Fails unless {@code ok}, naming {@code detector.key}, the rule and the value, e.g. "cusum.h must be > 0, got -1". */
    static void require(boolean ok, String detector, String key, double value, String rule) {
        if (!ok) {
            throw new IllegalArgumentException(
                    detector + "." + key + " must be " + rule + ", got " + DetectorSpec.number(value));
        }
    }

    /** Fails unless {@code watch} is set. */
    static void requireWatch(Watch watch, String detector) {
        if (watch == null) {
            throw new IllegalArgumentException(detector + ".watch must be up, down or both, got null");
        }
    }
}
