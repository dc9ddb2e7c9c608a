package io.streamcl.core.detect;

/**
 * The end of an open alert whose metric never recovered because the alert itself became moot: the run or
 * configuration it watched was superseded, or its learner stopped reporting (see {@link AlertEvent} for the shared
 * fields). {@link #current} and {@link #depth} are NaN (no value ends it); the {@link #message} says why.
 *
 * @param worstDepth the largest depth seen while the alert was open
 */
public record AlertClosed(AlertKind kind, long step, long onsetStep, double baseline, Severity severity,
        String detector, String message, double worstDepth) implements AlertEvent {

    @Override
    public double current() {
        return Double.NaN;
    }

    @Override
    public double depth() {
        return Double.NaN;
    }
}
