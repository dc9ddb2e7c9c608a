package io.streamcl.core.detect;

import io.streamcl.core.spec.Spec;
import io.streamcl.core.spec.SpecArguments;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Parameters of {@link TrendAlerts}: a plasticity-loss alert opens when the last {@code window} values of a
 * per-task or per-period metric trend the bad way, significantly (Mann-Kendall score past {@code z}) and by enough
 * (Theil-Sen change over the window at least {@code min_change}); it resolves once the trend is no longer past half
 * of either. The presets are reasoned from the plasticity papers' scales (Dohare et al. 2024, Kumar et al. 2023), not
 * calibrated: there is one value per task, too few to replay millions of. Sliding windows test many times, so
 * flat noise passes now and then: TrendAlertsTest measures fewer than 1 opening per 100 values for the new-task
 * preset at 1.5 points of noise, none for the dormant preset at 1 point.
 *
 * @param metric what the values are, for messages and the canonical text, e.g. {@code new-task-accuracy}
 * @param worse the bad direction, {@code up} or {@code down}
 * @param window values tested, 4 to 64
 * @param z one-sided Mann-Kendall normal score needed, positive (2.33 is the 1 % level)
 * @param minChange least Theil-Sen change across the window in the bad direction, in the metric's units, positive
 */
public record TrendAlertsConfig(String metric, Watch worse, int window, double z, double minChange,
        LifecycleConfig lifecycle) {
    static final String NAME = "trend";
    private static final Pattern METRIC = Pattern.compile("[a-z][a-z0-9-]*");

    public TrendAlertsConfig {
        if (metric == null || !METRIC.matcher(metric).matches()) {
            throw new IllegalArgumentException("trend.metric must match " + METRIC + ", got '" + metric + "'");
        }
        if (worse != Watch.UP && worse != Watch.DOWN) {
            throw new IllegalArgumentException("trend.worse must be up or down, got " + worse);
        }
        SpecArguments.require(window >= 4 && window <= 64, NAME, "window", window, "in [4, 64]");
        SpecArguments.require(z > 0, NAME, "z", z, "> 0");
        SpecArguments.require(minChange > 0, NAME, "min_change", minChange, "> 0");
        if (lifecycle == null) {
            throw new IllegalArgumentException("trend.lifecycle must be set");
        }
    }

    /**
     * Online (prequential) accuracy on each newly started task, one value per task (e.g. over its first evaluation
     * period): a decline of 3 points over 8 tasks at the 1 % level. Dohare et al. report declines of 4 to 15 points
     * over hundreds of tasks, so this fires on the steeper half of them.
     */
    public static TrendAlertsConfig newTaskAccuracy() {
        return new TrendAlertsConfig("new-task-accuracy", Watch.DOWN, 8, 2.33, 0.03, new LifecycleConfig(2, 4));
    }

    /**
     * The dormant-unit fraction, one value per diagnostics period: a rise of 5 points over 10 periods at the 1 %
     * level (Dohare et al.'s base system climbs to about 55 % dormant units, CBP stays near 1 to 2 %).
     */
    public static TrendAlertsConfig dormantFraction() {
        return new TrendAlertsConfig("dormant-fraction", Watch.UP, 10, 2.33, 0.05, new LifecycleConfig(2, 5));
    }

    /** Every parameter in a fixed order; this is the alert's {@code detector} text. */
    public String canonical() {
        return String.format(Locale.ROOT, "%s(metric=%s,worse=%s,window=%d,z=%s,min_change=%s,%s)", NAME, metric,
                worse.text(), window, Spec.number(z), Spec.number(minChange),
                lifecycle.canonicalParameters());
    }

    @Override
    public String toString() {
        return canonical();
    }
}
