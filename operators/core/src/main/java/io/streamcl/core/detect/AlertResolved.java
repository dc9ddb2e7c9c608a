package io.streamcl.core.detect;

/**
 * The RESOLVED event of an alert: the condition ended (see {@link AlertEvent} for the shared fields).
 *
 * @param recoveryStep the first step of the run of recovered evaluations that closed the alert
 * @param durationSteps {@code recoveryStep - onsetStep}
 * @param worstDepth the largest {@link #depth} seen while the alert was open; NaN if the metric was not a number
 *     at some point (a diverged loss)
 */
public record AlertResolved(AlertKind kind, long step, long onsetStep, double baseline, double current, double depth,
        Severity severity, String detector, String message, long recoveryStep, long durationSteps, double worstDepth)
        implements AlertEvent {}
