package io.streamcl.flink.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/** Reads typed values out of a settings map; every error names the key and the value. */
final class SettingValues {
    private SettingValues() {}

    /** {@code defaults} overridden by the entries of {@code settings} whose keys it has, values trimmed. */
    static Map<String, String> overDefaults(Map<String, String> defaults, Map<String, String> settings) {
        Map<String, String> s = new LinkedHashMap<>(defaults);
        settings.forEach((k, v) -> {
            if (defaults.containsKey(k)) {
                s.put(k, v.trim());
            }
        });
        return s;
    }

    static boolean bool(Map<String, String> s, String key) {
        String value = s.get(key);
        if (!value.equals("true") && !value.equals("false")) {
            throw new InvalidSettingException(key + " must be true or false, got '" + value + "'");
        }
        return Boolean.parseBoolean(value);
    }

    static int integer(Map<String, String> s, String key) {
        return parsed(s, key, Integer::parseInt, "an integer");
    }

    static long longValue(Map<String, String> s, String key) {
        return parsed(s, key, Long::parseLong, "an integer");
    }

    static double number(Map<String, String> s, String key) {
        return parsed(s, key, Double::parseDouble, "a number");
    }

    private static <T> T parsed(Map<String, String> s, String key, Function<String, T> parser, String expected) {
        try {
            return parser.apply(s.get(key));
        } catch (NumberFormatException e) {
            throw new InvalidSettingException(key + " must be " + expected + ", got '" + s.get(key) + "'");
        }
    }

    /** A value in one of the core's text forms, e.g. a detector {@code ewma-drop(drop=0.03)}, read by {@code parser}. */
    static <T> T textForm(Map<String, String> s, String key, Function<String, T> parser) {
        try {
            return parser.apply(s.get(key));
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException(key + "='" + s.get(key) + "': " + e.getMessage());
        }
    }
}
