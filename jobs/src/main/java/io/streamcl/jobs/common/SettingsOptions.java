package io.streamcl.jobs.common;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
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

    /** The file's settings overridden by the {@code -s} ones; an unknown key is a parameter error. */
    public Map<String, String> read(Set<String> known) throws IOException {
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
