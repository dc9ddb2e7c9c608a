package io.streamcl.core.detect;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The text form of a detector, {@code name(key=value,...)}, e.g. {@code page-hinkley(delta=0.005,lambda=50)}: what
 * job options accept and what alerts name in their {@code detector} field. A config's canonical text lists every
 * parameter in a fixed order, so it stays unambiguous when calibrated defaults change.
 */
public record DetectorSpec(String name, Map<String, String> parameters) {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*");

    public DetectorSpec {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("detector name must match " + NAME + ", got '" + name + "'");
        }
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    /** A spec with no parameters yet, to be filled with {@link #with}. */
    public static DetectorSpec of(String name) {
        return new DetectorSpec(name, Map.of());
    }

    /** This spec plus one parameter; a number is written in {@link #number} form. */
    public DetectorSpec with(String key, Object value) {
        Map<String, String> copy = new LinkedHashMap<>(parameters);
        copy.put(key, value instanceof Double d ? number(d) : value instanceof Watch w ? w.text() : String.valueOf(value));
        return new DetectorSpec(name, copy);
    }

    /** Canonical text of a number: integers without a fraction, others as {@link Double#toString}, lower-case e. */
    public static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value).replace('E', 'e');
    }

    /** Parses {@code name(key=value,...)} or a bare {@code name}. */
    public static DetectorSpec parse(String text) {
        String s = text.strip();
        int open = s.indexOf('(');
        if (open < 0) {
            return of(s);
        }
        if (!s.endsWith(")")) {
            throw new IllegalArgumentException("detector '" + s + "' must end with ')'");
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        String body = s.substring(open + 1, s.length() - 1).strip();
        if (!body.isEmpty()) {
            for (String pair : body.split(",")) {
                int eq = pair.indexOf('=');
                if (eq < 0) {
                    throw new IllegalArgumentException("parameter '" + pair.strip() + "' of detector '" + s
                            + "' must be key=value");
                }
                String key = pair.substring(0, eq).strip();
                if (parameters.put(key, pair.substring(eq + 1).strip()) != null) {
                    throw new IllegalArgumentException("parameter '" + key + "' given twice in detector '" + s + "'");
                }
            }
        }
        return new DetectorSpec(s.substring(0, open).strip(), parameters);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(name).append('(');
        parameters.forEach((k, v) -> s.append(k).append('=').append(v).append(','));
        if (!parameters.isEmpty()) {
            s.setLength(s.length() - 1);
        }
        return s.append(')').toString();
    }
}
