package io.streamcl.core.detect;

import io.streamcl.core.spec.Spec;
import io.streamcl.core.spec.SpecArguments;
import java.util.Locale;

/**
 * Parameters of {@link ForgettingAlerts} on one task's accuracy. The hysteresis: an alert opens only when the
 * detector reports a drop and the smoothed accuracy is at least {@code min_depth} below the detector's baseline; it
 * resolves when the smoothed depth is back within {@code max(recovery_margin, recovery_fraction * worst)}, so a
 * dip that leaves some forgetting behind still closes once it has mostly recovered (the RESOLVED depth then reports
 * what is left). Depths are in accuracy units (0.05 = 5 points). Both depth tests scale with the evaluation noise:
 * the depth to open is {@code max(min_depth, min_depth_sigmas * se)}, {@code se} the {@link EvaluationNoise} of the
 * task's accuracy at the evaluation's sample count, and the recovery margin grows by the same factor.
 *
 * @param detector change detector on the raw accuracy; must watch {@code down} or {@code both}
 * @param smoothing weight of the newest value in the smoothed accuracy used for the depth tests, in (0, 1]
 * @param minDepth smoothed depth needed to open, positive and above {@code recovery_margin}
 * @param minDepthSigmas smoothed depth needed to open in standard errors of one evaluation, at least 0
 * @param recoveryMargin smoothed depth counted as recovered whatever the worst depth, at least 0
 * @param recoveryFraction share of the worst smoothed depth counted as recovered, in [0, 1)
 * @param warningDepth depth at opening from which the severity is WARNING; the raw depth, since a sharp dip is
 *     detected before the smoothed value has fallen far
 * @param criticalDepth depth at opening from which the severity is CRITICAL, at least {@code warning_depth}
 */
public record ForgettingAlertsConfig(DetectorConfig detector, double smoothing, double minDepth, double minDepthSigmas,
        double recoveryMargin,
        double recoveryFraction, double warningDepth, double criticalDepth, LifecycleConfig lifecycle) {
    static final String NAME = "forgetting";
    public static final double DEFAULT_SMOOTHING = 0.3;
    public static final double DEFAULT_MIN_DEPTH = 0.02;
    public static final double DEFAULT_MIN_DEPTH_SIGMAS = 1.0;
    public static final double DEFAULT_RECOVERY_MARGIN = 0.01;
    public static final double DEFAULT_RECOVERY_FRACTION = 0.5;
    public static final double DEFAULT_WARNING_DEPTH = 0.05;
    public static final double DEFAULT_CRITICAL_DEPTH = 0.15;

    public ForgettingAlertsConfig {
        if (detector == null || !detector.watch().includes(Direction.DOWN)) {
            throw new IllegalArgumentException("forgetting.detector must watch down or both, got "
                    + (detector == null ? "null" : detector.canonical()));
        }
        SpecArguments.require(smoothing > 0 && smoothing <= 1, NAME, "smoothing", smoothing, "in (0, 1]");
        SpecArguments.require(recoveryMargin >= 0, NAME, "recovery_margin", recoveryMargin, ">= 0");
        SpecArguments.require(minDepth > recoveryMargin, NAME, "min_depth", minDepth, "> recovery_margin");
        SpecArguments.require(minDepthSigmas >= 0, NAME, "min_depth_sigmas", minDepthSigmas, ">= 0");
        SpecArguments.require(recoveryFraction >= 0 && recoveryFraction < 1, NAME, "recovery_fraction",
                recoveryFraction, "in [0, 1)");
        SpecArguments.require(warningDepth > 0, NAME, "warning_depth", warningDepth, "> 0");
        SpecArguments.require(criticalDepth >= warningDepth, NAME, "critical_depth", criticalDepth, ">= warning_depth");
        if (lifecycle == null) {
            throw new IllegalArgumentException("forgetting.lifecycle must be set");
        }
    }

    /** The calibrated defaults, on {@link AccuracyDefaults#forgetting()}. */
    public static ForgettingAlertsConfig defaults() {
        return new ForgettingAlertsConfig(AccuracyDefaults.forgetting(), DEFAULT_SMOOTHING, DEFAULT_MIN_DEPTH,
                DEFAULT_MIN_DEPTH_SIGMAS, DEFAULT_RECOVERY_MARGIN, DEFAULT_RECOVERY_FRACTION, DEFAULT_WARNING_DEPTH, DEFAULT_CRITICAL_DEPTH,
                LifecycleConfig.defaults());
    }

    /** This config on another detector, e.g. one parsed from a job option with {@link DetectorConfig#parse}. */
    public ForgettingAlertsConfig withDetector(DetectorConfig other) {
        return new ForgettingAlertsConfig(other, smoothing, minDepth, minDepthSigmas, recoveryMargin, recoveryFraction, warningDepth,
                criticalDepth, lifecycle);
    }

    /** The smoothed depth needed to open when one evaluation has standard error {@code standardError}. */
    public double openingDepth(double standardError) {
        return Math.max(minDepth, minDepthSigmas * standardError);
    }

    /** The recovery margin at that noise: {@code recovery_margin} grown by the factor the opening depth grew. */
    public double recoveryMargin(double standardError) {
        return recoveryMargin * openingDepth(standardError) / minDepth;
    }

    /** Every parameter, the detector's included, in a fixed order. */
    public String canonical() {
        return String.format(Locale.ROOT, "%s(detector=%s,smoothing=%s,min_depth=%s,min_depth_sigmas=%s,recovery_margin=%s,"
                        + "recovery_fraction=%s,warning_depth=%s,critical_depth=%s,%s)", NAME, detector.canonical(),
                Spec.number(smoothing), Spec.number(minDepth), Spec.number(minDepthSigmas), Spec.number(recoveryMargin),
                Spec.number(recoveryFraction), Spec.number(warningDepth),
                Spec.number(criticalDepth), lifecycle.canonicalParameters());
    }

    @Override
    public String toString() {
        return canonical();
    }
}
