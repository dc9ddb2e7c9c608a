package io.streamcl.core.detect;

import java.util.Locale;

/**
 * One lifecycle event of an alert, as plain data for the Flink side to map onto the Avro {@code ForgettingAlert}
 * (state OPENED, or RESOLVED for both {@link AlertResolved} and {@link AlertClosed}); both events of one alert share {@link #alertId}. Values are in the monitored metric's
 * units; a divergence alert on a non-finite loss carries NaN where the metric was not a number.
 */
public sealed interface AlertEvent permits AlertOpened, AlertResolved, AlertClosed {

    AlertKind kind();

    /** Model step of the evaluation that produced this event. */
    long step();

    /** Model step at which the condition started, as the detector estimates it. */
    long onsetStep();

    /** Reference value before the onset, frozen when the alert opened. */
    double baseline();

    /** Metric value at this event. */
    double current();

    /** How far {@link #current} is past {@link #baseline} in the bad direction, at this event. */
    double depth();

    Severity severity();

    /** The rule that fired, with all its parameters, e.g. {@code cusum(k=0.5,h=8,...)}. */
    String detector();

    /** A human-readable summary. */
    String message();

    /**
     * An id shared by the OPENED and RESOLVED events of one alert and unique per learner key: the onset step
     * cannot repeat for one kind and task, because a resolved alert's detector starts afresh after its recovery.
     */
    default String alertId(String key, Integer taskId) {
        String task = taskId == null ? "-" : taskId.toString();
        return key + "/" + task + "/" + kind().name().toLowerCase(Locale.ROOT) + "/" + onsetStep();
    }
}
