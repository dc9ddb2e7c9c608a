package io.streamcl.core.detect;

/** How bad an alert is; the names match the Avro enum {@code Severity} of {@code ForgettingAlert}. */
public enum Severity {
    INFO,
    WARNING,
    CRITICAL;

    /** {@link #CRITICAL} from {@code critical} on, {@link #WARNING} from {@code warning} on, else {@link #INFO}. */
    public static Severity of(double depth, double warning, double critical) {
        return depth >= critical ? CRITICAL : depth >= warning ? WARNING : INFO;
    }
}
