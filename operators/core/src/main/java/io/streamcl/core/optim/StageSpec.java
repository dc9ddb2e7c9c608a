package io.streamcl.core.optim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The text form of one stage, {@code name(key=value,...)}, e.g. {@code adam(lr=0.001,beta1=0.9)}; several
 * stages are joined with {@code +}. Job configurations use exactly this vocabulary, and a config's canonical
 * spec (every parameter, in order, numbers in {@link #number} form) is what its hash is taken of.
 */
public record StageSpec(String name, Map<String, String> parameters) {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

    public StageSpec {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("stage name must match " + NAME + ", got '" + name + "'");
        }
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    /** A spec with no parameters yet, to be filled with {@link #with}. */
    public static StageSpec of(String name) {
        return new StageSpec(name, Map.of());
    }

    /** This spec plus one parameter (a number is written in {@link #number} form). */
    public StageSpec with(String key, Object value) {
        Map<String, String> copy = new LinkedHashMap<>(parameters);
        copy.put(key, value instanceof Double d ? number(d) : String.valueOf(value));
        return new StageSpec(name, copy);
    }

    /** Canonical text of a number: integers without a fraction, others as {@link Double#toString}, lower-case e. */
    public static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value).replace('E', 'e');
    }

    /** Parses one {@code name(key=value,...)} or a bare {@code name}. */
    public static StageSpec parse(String text) {
        String s = text.strip();
        int open = s.indexOf('(');
        if (open < 0) {
            return new StageSpec(s, Map.of());
        }
        if (!s.endsWith(")")) {
            throw new IllegalArgumentException("stage '" + s + "' must end with ')'");
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        String body = s.substring(open + 1, s.length() - 1).strip();
        if (!body.isEmpty()) {
            for (String pair : body.split(",")) {
                int eq = pair.indexOf('=');
                if (eq < 0) {
                    throw new IllegalArgumentException("parameter '" + pair.strip() + "' of stage '" + s
                            + "' must be key=value");
                }
                String key = pair.substring(0, eq).strip();
                if (parameters.put(key, pair.substring(eq + 1).strip()) != null) {
                    throw new IllegalArgumentException("parameter '" + key + "' given twice in stage '" + s + "'");
                }
            }
        }
        return new StageSpec(s.substring(0, open).strip(), parameters);
    }

    /** Parses stages joined by {@code +} outside parentheses, e.g. {@code l2(lambda=0.01)+adam(lr=0.001)}. */
    public static List<StageSpec> parseAll(String text) {
        List<StageSpec> specs = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            if (c == '+' && depth == 0) {
                specs.add(parse(text.substring(start, i)));
                start = i + 1;
            }
        }
        specs.add(parse(text.substring(start)));
        return specs;
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
