package io.streamcl.flink.config;

import static io.streamcl.flink.config.SettingValues.integer;
import static io.streamcl.flink.config.SettingValues.number;
import static io.streamcl.flink.config.SettingValues.textForm;

import io.streamcl.core.detect.DetectorConfig;
import io.streamcl.core.detect.ForgettingAlertsConfig;
import io.streamcl.core.detect.LifecycleConfig;
import io.streamcl.flink.alert.AlertConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The job-configuration vocabulary of the alert job: parses {@code key=value} settings into an {@link AlertConfig}
 * and formats one back. Unknown keys are left to the caller; bad values fail with a message naming key and value.
 */
public final class AlertSettings {
    /** Change detector on each task's accuracy, in the core's text form, e.g. {@code page-hinkley(lambda=0.25)}. */
    public static final String DETECTOR = "alert.detector";
    /** Smoothed drop below the detector's baseline needed to open a forgetting alert, in accuracy units. */
    public static final String MIN_DEPTH = "alert.min-depth";
    /** The same in standard errors of one evaluation at its sample count; the larger of the two applies. */
    public static final String MIN_DEPTH_SIGMAS = "alert.min-depth-sigmas";
    public static final String WARNING_DEPTH = "alert.warning-depth";
    public static final String CRITICAL_DEPTH = "alert.critical-depth";
    /** Evaluations after a forgetting alert resolves during which the same task opens no new one. */
    public static final String COOL_DOWN = "alert.cool-down";
    public static final String MAX_TASKS = "alert.max-tasks";

    /** Defaults: the calibrated ones of docs/detector-calibration.md. */
    public static final Map<String, String> DEFAULTS = Map.of(
            DETECTOR, ForgettingAlertsConfig.defaults().detector().canonical(),
            MIN_DEPTH, Double.toString(ForgettingAlertsConfig.DEFAULT_MIN_DEPTH),
            MIN_DEPTH_SIGMAS, Double.toString(ForgettingAlertsConfig.DEFAULT_MIN_DEPTH_SIGMAS),
            WARNING_DEPTH, Double.toString(ForgettingAlertsConfig.DEFAULT_WARNING_DEPTH),
            CRITICAL_DEPTH, Double.toString(ForgettingAlertsConfig.DEFAULT_CRITICAL_DEPTH),
            COOL_DOWN, Integer.toString(LifecycleConfig.DEFAULT_COOL_DOWN_EVALUATIONS),
            MAX_TASKS, Integer.toString(AlertConfig.DEFAULT_MAX_TASKS));

    private AlertSettings() {}

    /** Every key this vocabulary knows. */
    public static Set<String> keys() {
        return new TreeSet<>(DEFAULTS.keySet());
    }

    /** Parses settings over the defaults; keys outside {@link #keys()} are ignored here. */
    public static AlertConfig parse(Map<String, String> settings) {
        Map<String, String> s = SettingValues.overDefaults(DEFAULTS, settings);
        DetectorConfig detector = textForm(s, DETECTOR, DetectorConfig::parse);
        ForgettingAlertsConfig calibrated = ForgettingAlertsConfig.defaults();
        try {
            ForgettingAlertsConfig forgetting = new ForgettingAlertsConfig(detector, calibrated.smoothing(),
                    number(s, MIN_DEPTH), number(s, MIN_DEPTH_SIGMAS), calibrated.recoveryMargin(), calibrated.recoveryFraction(),
                    number(s, WARNING_DEPTH), number(s, CRITICAL_DEPTH),
                    new LifecycleConfig(calibrated.lifecycle().recoveryEvaluations(), integer(s, COOL_DOWN)));
            return new AlertConfig(forgetting, integer(s, MAX_TASKS));
        } catch (IllegalArgumentException e) {
            // The core names its own parameters; the settings they came from are listed so the user finds them.
            throw e instanceof InvalidSettingException ? e : new InvalidSettingException(e.getMessage() + " (settings: "
                    + new TreeMap<>(s) + ")");
        }
    }

    /** The settings that {@link #parse} turns back into {@code config}. */
    public static Map<String, String> format(AlertConfig config) {
        ForgettingAlertsConfig forgetting = config.forgetting();
        Map<String, String> s = new LinkedHashMap<>();
        s.put(DETECTOR, forgetting.detector().canonical());
        s.put(MIN_DEPTH, Double.toString(forgetting.minDepth()));
        s.put(MIN_DEPTH_SIGMAS, Double.toString(forgetting.minDepthSigmas()));
        s.put(WARNING_DEPTH, Double.toString(forgetting.warningDepth()));
        s.put(CRITICAL_DEPTH, Double.toString(forgetting.criticalDepth()));
        s.put(COOL_DOWN, Integer.toString(forgetting.lifecycle().coolDownEvaluations()));
        s.put(MAX_TASKS, Integer.toString(config.maxTasks()));
        return s;
    }
}
