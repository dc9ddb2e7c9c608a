package io.streamcl.flink.config;

import io.streamcl.cli.Durations;
import io.streamcl.core.detect.DetectorConfig;
import io.streamcl.core.detect.ForgettingAlertsConfig;
import io.streamcl.core.detect.LifecycleConfig;
import io.streamcl.flink.alert.AlertConfig;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

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
    /** Processing time without evaluations after which a learner key's alert state is dropped. */
    public static final String STATE_TTL = "alert.state-ttl";
    public static final Duration DEFAULT_STATE_TTL = Duration.ofDays(7);

    /**
     * Defaults: the calibrated ones of docs/detector-calibration.md. Every one but the state TTL shapes state: the rules' states hold
     * figures of the configured detector and thresholds, so a restore under other values is refused.
     */
    public static final List<Setting<?>> DEFINITIONS = List.of(
            Setting.of(DETECTOR, "spec", ForgettingAlertsConfig.defaults().detector().canonical(), true,
                    "change detector on each task's accuracy (drop-cusum, drop-from-best, ewma-drop, page-hinkley, cusum, adwin)",
                    DetectorConfig::parse),
            Setting.number(MIN_DEPTH, ForgettingAlertsConfig.DEFAULT_MIN_DEPTH, true,
                    "smoothed accuracy drop below the detector's baseline needed to open"),
            Setting.number(MIN_DEPTH_SIGMAS, ForgettingAlertsConfig.DEFAULT_MIN_DEPTH_SIGMAS, true,
                    "the same in standard errors of one evaluation at its sample count; the larger of the two applies"),
            Setting.number(WARNING_DEPTH, ForgettingAlertsConfig.DEFAULT_WARNING_DEPTH, true,
                    "depth at opening from which the severity is WARNING"),
            Setting.number(CRITICAL_DEPTH, ForgettingAlertsConfig.DEFAULT_CRITICAL_DEPTH, true,
                    "depth at opening from which the severity is CRITICAL"),
            Setting.integer(COOL_DOWN, LifecycleConfig.DEFAULT_COOL_DOWN_EVALUATIONS, true,
                    "evaluations after a resolution during which the task opens no new alert"),
            Setting.integer(MAX_TASKS, AlertConfig.DEFAULT_MAX_TASKS, true,
                    "tasks whose alert state a key keeps; beyond it the task seen first is forgotten"),
            Setting.of(STATE_TTL, "duration", Durations.format(DEFAULT_STATE_TTL), false,
                    "how long (processing time) a learner key may send no evaluation before its open alerts are"
                            + " closed and its alert state dropped; 0 keeps it forever (" + Durations.SYNTAX + ")",
                    Durations::parse));

    /** Default text of every key. */
    public static final Map<String, String> DEFAULTS = DEFINITIONS.stream()
            .collect(Collectors.toUnmodifiableMap(Setting::key, Setting::defaultValue));

    private AlertSettings() {}

    /** Every key this vocabulary knows. */
    public static Set<String> keys() {
        return new TreeSet<>(DEFAULTS.keySet());
    }

    /** Parses settings over the defaults; keys outside {@link #keys()} are ignored here. */
    public static AlertConfig parse(Map<String, String> settings) {
        DetectorConfig detector = Setting.valueOf(DEFINITIONS, DETECTOR, settings);
        ForgettingAlertsConfig calibrated = ForgettingAlertsConfig.defaults();
        try {
            ForgettingAlertsConfig forgetting = new ForgettingAlertsConfig(detector, calibrated.smoothing(),
                    Setting.valueOf(DEFINITIONS, MIN_DEPTH, settings), Setting.valueOf(DEFINITIONS, MIN_DEPTH_SIGMAS, settings),
                    calibrated.recoveryMargin(),
                    calibrated.recoveryFraction(), Setting.valueOf(DEFINITIONS, WARNING_DEPTH, settings),
                    Setting.valueOf(DEFINITIONS, CRITICAL_DEPTH, settings),
                    new LifecycleConfig(calibrated.lifecycle().recoveryEvaluations(),
                            Setting.valueOf(DEFINITIONS, COOL_DOWN, settings)));
            return new AlertConfig(forgetting, Setting.valueOf(DEFINITIONS, MAX_TASKS, settings));
        } catch (IllegalArgumentException e) {
            // The core names its own parameters; the settings they came from are listed so the user finds them.
            throw e instanceof InvalidSettingException ? e : new InvalidSettingException(e.getMessage() + " (settings: "
                    + new TreeMap<>(settings) + ")");
        }
    }

    /** The state TTL of {@code settings} over the default (not part of {@link AlertConfig}: it shapes no state). */
    public static Duration stateTtl(Map<String, String> settings) {
        return Setting.valueOf(DEFINITIONS, STATE_TTL, settings);
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
