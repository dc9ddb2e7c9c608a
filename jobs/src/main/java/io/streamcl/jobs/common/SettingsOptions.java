package io.streamcl.jobs.common;

import io.streamcl.flink.config.Setting;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * A job's settings from the command line (a picocli mixin): a properties file and {@code -s key=value} overrides,
 * checked against the job's vocabulary.
 */
public final class SettingsOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--config", description = "A properties file of settings (keys below).")
    Path configFile;

    @Option(names = {"-s", "--set"}, description = "One setting key=value, overrides --config (keys below).")
    Map<String, String> overrides = new LinkedHashMap<>();

    /**
     * The {@code --help} footer listing {@code definitions}: key, type, default, whether it shapes state, and
     * description, one setting a line.
     */
    public static String listing(List<Setting<?>> definitions) {
        StringBuilder text = new StringBuilder("%nSettings (--config, -s); [state] ones cannot change on restore:%n");
        for (Setting<?> setting : definitions) {
            // picocli formats the footer: a literal % must be doubled
            text.append("  ").append(setting.describe().replace("%", "%%")).append("%n");
        }
        return text.toString();
    }

    /** The file's settings overridden by the {@code -s} ones; an unknown key is a parameter error. */
    public Map<String, String> read(List<Setting<?>> definitions) throws IOException {
        Set<String> known = definitions.stream().map(Setting::key).collect(Collectors.toCollection(TreeSet::new));
        Map<String, String> settings = new LinkedHashMap<>();
        if (configFile != null) {
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(configFile)) {
                properties.load(reader);
            }
            properties.stringPropertyNames().forEach(k -> settings.put(k, properties.getProperty(k)));
        }
        settings.putAll(overrides);
        for (String key : settings.keySet()) {
            if (!known.contains(key)) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "unknown setting '" + key + "'; known: " + known);
            }
        }
        return settings;
    }
}
