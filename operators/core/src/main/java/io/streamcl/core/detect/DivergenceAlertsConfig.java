package io.streamcl.core.detect;

import io.streamcl.core.spec.Spec;
import io.streamcl.core.spec.SpecArguments;
import java.util.Locale;

/**
 * Parameters of {@link DivergenceAlerts} on a learner's training loss. The reference scale is the larger of the
 * mean loss over the first {@code warmup} finite values (the untrained model's loss: a task switch rarely sends a
 * loss far above it, while a divergence passes it by orders of magnitude within a few steps) and a slow EWMA of the
 * loss since. Not from a paper: the stability literature lists such guards without numbers, so these defaults are
 * reasoned, not calibrated.
 *
 * @param factor a finite loss above {@code factor} times the reference opens an alert, above {@code resolve_factor}
 * @param resolveFactor a finite loss at most {@code resolve_factor} times the baseline counts as recovered, positive
 * @param beta weight of the newest loss in the slow EWMA, in (0, 1]
 * @param warmup finite losses averaged into the initial scale before the factor test applies, at least 1
 */
public record DivergenceAlertsConfig(double factor, double resolveFactor, double beta, int warmup,
        LifecycleConfig lifecycle) {
    static final String NAME = "divergence";
    public static final double DEFAULT_FACTOR = 10;
    public static final double DEFAULT_RESOLVE_FACTOR = 3;
    public static final double DEFAULT_BETA = 0.05;
    public static final int DEFAULT_WARMUP = 10;

    public DivergenceAlertsConfig {
        SpecArguments.require(resolveFactor > 0, NAME, "resolve_factor", resolveFactor, "> 0");
        SpecArguments.require(factor > resolveFactor, NAME, "factor", factor, "> resolve_factor");
        SpecArguments.require(beta > 0 && beta <= 1, NAME, "beta", beta, "in (0, 1]");
        SpecArguments.require(warmup >= 1, NAME, "warmup", warmup, ">= 1");
        if (lifecycle == null) {
            throw new IllegalArgumentException("divergence.lifecycle must be set");
        }
    }

    public static DivergenceAlertsConfig defaults() {
        return new DivergenceAlertsConfig(DEFAULT_FACTOR, DEFAULT_RESOLVE_FACTOR, DEFAULT_BETA, DEFAULT_WARMUP,
                LifecycleConfig.defaults());
    }

    /** Every parameter in a fixed order; this is the alert's {@code detector} text. */
    public String canonical() {
        return String.format(Locale.ROOT, "%s(factor=%s,resolve_factor=%s,beta=%s,warmup=%d,%s)", NAME,
                Spec.number(factor), Spec.number(resolveFactor), Spec.number(beta), warmup,
                lifecycle.canonicalParameters());
    }

    @Override
    public String toString() {
        return canonical();
    }
}
