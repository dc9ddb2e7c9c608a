package io.streamcl.core.detect;

import io.streamcl.core.spec.SpecArguments;

/**
 * How an alert closes and how soon another may open: the shared half of the hysteresis (each rule supplies the
 * other half, an opening threshold stricter than its recovery test).
 *
 * @param recoveryEvaluations consecutive recovered evaluations needed to resolve, at least 1; more than one keeps a
 *     single lucky evaluation from closing an alert that the next one would reopen
 * @param coolDownEvaluations evaluations after a resolution during which no alert of the same rule opens, at least 0
 */
public record LifecycleConfig(int recoveryEvaluations, int coolDownEvaluations) {
    public static final int DEFAULT_RECOVERY_EVALUATIONS = 3;
    public static final int DEFAULT_COOL_DOWN_EVALUATIONS = 30;

    public LifecycleConfig {
        SpecArguments.require(recoveryEvaluations >= 1, "lifecycle", "recovery_evaluations", recoveryEvaluations, ">= 1");
        SpecArguments.require(coolDownEvaluations >= 0, "lifecycle", "cool_down", coolDownEvaluations, ">= 0");
    }

    public static LifecycleConfig defaults() {
        return new LifecycleConfig(DEFAULT_RECOVERY_EVALUATIONS, DEFAULT_COOL_DOWN_EVALUATIONS);
    }

    /** The parameters as {@code key=value} pairs for a rule's canonical text. */
    String canonicalParameters() {
        return "recovery_evaluations=" + recoveryEvaluations + ",cool_down=" + coolDownEvaluations;
    }
}
