package io.streamcl.core.spec;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Reads a {@link Spec}'s parameters with defaults, remembering which were read so that {@link #finish} can reject
 * unknown keys; every error names the spec, the key and the bad value.
 */
public final class SpecArguments {
    private final Spec spec;
    private final Set<String> known = new LinkedHashSet<>();

    public SpecArguments(Spec spec) {
        this.spec = spec;
    }

    /** A number, or {@code fallback} when absent. */
    public double number(String key, double fallback) {
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

    /** An integer, or {@code fallback} when absent. */
    public int integer(String key, int fallback) {
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

    /** {@code true} or {@code false}, or {@code fallback} when absent. */
    public boolean bool(String key, boolean fallback) {
        String raw = raw(key);
        if (raw == null) {
            return fallback;
        }
        return switch (raw.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw bad(key, raw, "true or false");
        };
    }

    /** The raw text of a value, or {@code fallback} when absent (for values with their own syntax, e.g. {@code 1/t}). */
    public String text(String key, String fallback) {
        String raw = raw(key);
        return raw == null ? fallback : raw;
    }

    /** The error for a present value of {@code key} that is not {@code expected}, naming the spec, key and value. */
    public IllegalArgumentException invalid(String key, String expected) {
        return bad(key, spec.parameters().get(key), expected);
    }

    /** One of {@code choices}, or {@code fallback} when absent. */
    public String choice(String key, String fallback, String... choices) {
        String raw = raw(key);
        if (raw == null) {
            return fallback;
        }
        for (String c : choices) {
            if (c.equals(raw)) {
                return c;
            }
        }
        throw bad(key, raw, "one of " + String.join(", ", choices));
    }

    /** Rejects any parameter that no read asked for; call after reading all of them. */
    public void finish() {
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

    /** Fails unless {@code ok}, naming {@code name.key}, the rule and the value, e.g. "cusum.h must be > 0, got -1". */
    public static void require(boolean ok, String name, String key, double value, String rule) {
        if (!ok) {
            throw new IllegalArgumentException(name + "." + key + " must be " + rule + ", got " + Spec.number(value));
        }
    }
}
