package io.streamcl.flink.config;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Which configuration of a grid learns each learner key, for production jobs that give different keys different
 * settings: rules {@code REGEX=NAME} in order, the first whose regular expression matches the whole key wins. A
 * key no rule matches has no learner (the job dead-letters its records); end with {@code .*=NAME} for a fallback.
 */
public final class KeyRoutes implements Serializable {
    private static final long serialVersionUID = 1L;

    private final List<Pattern> patterns;
    private final List<String> names;

    private KeyRoutes(List<Pattern> patterns, List<String> names) {
        this.patterns = List.copyOf(patterns);
        this.names = List.copyOf(names);
    }

    /**
     * Reads rules {@code REGEX=NAME} (split at the last {@code =}; names hold none) against the configurations of
     * {@code grid}; {@code option} names the rules' origin in errors, which name the rule and the bad part.
     */
    public static KeyRoutes parse(List<String> rules, LearnerGrid grid, String option) {
        List<Pattern> patterns = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (String rule : rules) {
            int eq = rule.lastIndexOf('=');
            if (eq <= 0 || eq == rule.length() - 1) {
                throw new InvalidSettingException(option + " '" + rule + "': expected KEY_REGEX=CONFIGURATION");
            }
            String name = rule.substring(eq + 1).strip();
            if (grid.named(name) == null) {
                throw new InvalidSettingException(option + " '" + rule + "': unknown configuration '" + name
                        + "'; the job has " + grid.names());
            }
            try {
                patterns.add(Pattern.compile(rule.substring(0, eq)));
            } catch (PatternSyntaxException e) {
                throw new InvalidSettingException(option + " '" + rule + "': bad regular expression: "
                        + e.getDescription() + " near index " + e.getIndex());
            }
            names.add(name);
        }
        return new KeyRoutes(patterns, names);
    }

    /** The configuration that learns {@code key}, or null when no rule matches it. */
    public String configurationOf(String key) {
        for (int i = 0; i < patterns.size(); i++) {
            if (patterns.get(i).matcher(key).matches()) {
                return names.get(i);
            }
        }
        return null;
    }

    /** The rules as given, for error messages. */
    @Override
    public String toString() {
        List<String> rules = new ArrayList<>();
        for (int i = 0; i < patterns.size(); i++) {
            rules.add(patterns.get(i).pattern() + "=" + names.get(i));
        }
        return rules.toString();
    }
}
