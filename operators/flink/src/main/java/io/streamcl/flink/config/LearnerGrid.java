package io.streamcl.flink.config;

import io.streamcl.core.learner.ContinualLearnerConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The named learner configurations one training job runs side by side on the same stream: a grid file read into
 * configurations, or the single configuration {@value #DEFAULT_NAME} of a job without one.
 *
 * <p>The file is INI-like: a {@code [name]} line opens a configuration, the {@code key=value} lines below it are
 * its learner settings; lines before the first section apply to every configuration; blank lines and lines
 * starting with {@code #} are ignored. A configuration's settings are the job's settings overridden by the shared
 * lines, overridden by its section. All configurations share one decoder, so they must agree on {@code
 * model.inputs} and {@code model.classes}; key-hygiene settings ({@code keys.*}) are the job's, never a section's.
 *
 * @param configurations in file order; names are unique
 */
public record LearnerGrid(List<Named> configurations) {
    /** The name of the single configuration of a job without a grid. */
    public static final String DEFAULT_NAME = "default";
    /** What a configuration name may be: it becomes part of an operator uid and of metric names. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

    /** One configuration of a grid. */
    public record Named(String name, ContinualLearnerConfig config) {}

    public LearnerGrid {
        configurations = List.copyOf(configurations);
    }

    /** The grid of a job without a grid file: its one configuration, named {@value #DEFAULT_NAME}. */
    public static LearnerGrid single(ContinualLearnerConfig config) {
        return new LearnerGrid(List.of(new Named(DEFAULT_NAME, config)));
    }

    /**
     * Reads a grid file's {@code lines} over the job's {@code jobSettings}; {@code source} names the file in
     * errors, which also name the line, the configuration, the key and the value.
     */
    public static LearnerGrid parse(List<String> lines, String source, Map<String, String> jobSettings) {
        Map<String, String> shared = new LinkedHashMap<>();
        Map<String, Map<String, String>> sections = new LinkedHashMap<>();
        Map<String, Integer> sectionLines = new LinkedHashMap<>();
        Map<String, String> current = shared;
        String currentName = null;
        Map<String, Integer> keyLines = new LinkedHashMap<>();
        Set<String> known = LearnerSettings.keys();
        known.remove(LearnerSettings.EVAL_ASYNC);
        for (int i = 0; i < lines.size(); i++) {
            int number = i + 1;
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String at = source + " line " + number + ": ";
            if (line.startsWith("[")) {
                if (!line.endsWith("]")) {
                    throw new InvalidSettingException(at + "expected [name], got '" + line + "'");
                }
                currentName = line.substring(1, line.length() - 1).strip();
                if (!NAME.matcher(currentName).matches()) {
                    throw new InvalidSettingException(at + "configuration name '" + currentName + "' must match "
                            + NAME.pattern() + " (it names operators and metrics)");
                }
                if (sections.containsKey(currentName)) {
                    throw new InvalidSettingException(at + "configuration '" + currentName + "' is already defined"
                            + " on line " + sectionLines.get(currentName));
                }
                current = new LinkedHashMap<>();
                sections.put(currentName, current);
                sectionLines.put(currentName, number);
                keyLines.clear();
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new InvalidSettingException(at + "expected key=value or [name], got '" + line + "'");
            }
            String key = line.substring(0, eq).strip();
            String where = currentName == null ? "shared settings" : "configuration '" + currentName + "'";
            if (!known.contains(key)) {
                throw new InvalidSettingException(at + where + ": " + (key.startsWith("keys.") || key.equals(LearnerSettings.EVAL_ASYNC)
                        ? key + " is a setting of the whole job, not of one configuration: pass it with -s"
                        : "unknown learner setting '" + key + "'; known: " + known));
            }
            Integer earlier = keyLines.put(key, number);
            if (earlier != null) {
                throw new InvalidSettingException(at + where + ": " + key + " is already set on line " + earlier);
            }
            current.put(key, line.substring(eq + 1).strip());
        }
        if (sections.isEmpty()) {
            throw new InvalidSettingException(source + ": no configuration; open one with a [name] line");
        }
        List<Named> configurations = new ArrayList<>();
        sections.forEach((name, own) -> {
            Map<String, String> settings = new LinkedHashMap<>(jobSettings);
            settings.putAll(shared);
            settings.putAll(own);
            try {
                configurations.add(new Named(name, LearnerSettings.parse(settings)));
            } catch (IllegalArgumentException e) {
                throw new InvalidSettingException(source + " configuration '" + name + "' (line "
                        + sectionLines.get(name) + "): " + e.getMessage());
            }
        });
        LearnerGrid grid = new LearnerGrid(configurations);
        grid.requireOneInputShape(source);
        return grid;
    }

    /** The configuration called {@code name}, or null. */
    public Named named(String name) {
        return configurations.stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
    }

    /** The configuration names in order. */
    public List<String> names() {
        return configurations.stream().map(Named::name).toList();
    }

    /** The configuration the shared decoder validates examples against (all agree on inputs and classes). */
    public ContinualLearnerConfig first() {
        return configurations.get(0).config();
    }

    private void requireOneInputShape(String source) {
        Named first = configurations.get(0);
        for (Named other : configurations) {
            if (other.config().learner().model().inputs() != first.config().learner().model().inputs()
                    || other.config().learner().model().outputs() != first.config().learner().model().outputs()) {
                throw new InvalidSettingException(source + ": configurations share one input stream and must agree on "
                        + LearnerSettings.INPUTS + " and " + LearnerSettings.CLASSES + ": '" + first.name() + "' has "
                        + first.config().learner().model().inputs() + " and " + first.config().learner().model().outputs()
                        + ", '" + other.name() + "' has " + other.config().learner().model().inputs() + " and "
                        + other.config().learner().model().outputs());
            }
        }
    }
}
