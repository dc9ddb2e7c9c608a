package io.streamcl.core.spec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The text form of one configured component, {@code name(key=value,...)} such as {@code adam(lr=0.001,beta1=0.9)} or
 * {@code page-hinkley(delta=0.005,lambda=50)}, whose canonical form lists every parameter in a fixed order with
 * numbers in {@link #number} form so that it stays unambiguous when defaults change.
 */
public record Spec(String name, Map<String, String> parameters) {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]*");

    /**
     * A family of specs, e.g. optimizer stages or detectors: the noun its parse errors use and the names it allows.
     */
    public record Kind(String noun, Pattern names) {
        /** A kind whose names match the regular expression {@code names}. */
        public Kind(String noun, String names) {
            this(noun, Pattern.compile(names));
        }
    }

    public Spec {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("spec name must match " + NAME + ", got '" + name + "'");
        }
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    /** A spec with no parameters yet, to be filled with {@link #with}. */
    public static Spec of(String name) {
        return new Spec(name, Map.of());
    }

    /** This spec plus one parameter; a number is written in {@link #number} form. */
    public Spec with(String key, Object value) {
        Map<String, String> copy = new LinkedHashMap<>(parameters);
        copy.put(key, value instanceof Double d ? number(d) : String.valueOf(value));
        return new Spec(name, copy);
    }

    /** Canonical text of a number: integers without a fraction, others as {@link Double#toString}, lower-case e. */
    public static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value).replace('E', 'e');
    }

    /** Parses one {@code name(key=value,...)} or a bare {@code name}; errors name the {@code kind} and the text. */
    public static Spec parse(String text, Kind kind) {
        String s = text.strip();
        int open = s.indexOf('(');
        if (open < 0) {
            return named(s, Map.of(), kind);
        }
        if (!s.endsWith(")")) {
            throw new IllegalArgumentException(kind.noun() + " '" + s + "' must end with ')'");
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        String body = s.substring(open + 1, s.length() - 1).strip();
        if (!body.isEmpty()) {
            for (String pair : body.split(",")) {
                int eq = pair.indexOf('=');
                if (eq < 0) {
                    throw new IllegalArgumentException("parameter '" + pair.strip() + "' of " + kind.noun() + " '"
                            + s + "' must be key=value");
                }
                String key = pair.substring(0, eq).strip();
                if (parameters.put(key, pair.substring(eq + 1).strip()) != null) {
                    throw new IllegalArgumentException(
                            "parameter '" + key + "' given twice in " + kind.noun() + " '" + s + "'");
                }
            }
        }
        return named(s.substring(0, open).strip(), parameters, kind);
    }

    /** Parses specs joined by {@code +} outside parentheses, e.g. {@code l2(lambda=0.01)+adam(lr=0.001)}. */
    public static List<Spec> parseAll(String text, Kind kind) {
        List<Spec> specs = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            if (c == '+' && depth == 0) {
                specs.add(parse(text.substring(start, i), kind));
                start = i + 1;
            }
        }
        specs.add(parse(text.substring(start), kind));
        return specs;
    }

    private static Spec named(String name, Map<String, String> parameters, Kind kind) {
        if (!kind.names().matcher(name).matches()) {
            throw new IllegalArgumentException(
                    kind.noun() + " name must match " + kind.names() + ", got '" + name + "'");
        }
        return new Spec(name, parameters);
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
