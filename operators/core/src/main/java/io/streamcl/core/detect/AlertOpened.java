package io.streamcl.core.detect;

/** The OPENED event of an alert: the condition started (see {@link AlertEvent} for the fields). */
public record AlertOpened(AlertKind kind, long step, long onsetStep, double baseline, double current, double depth,
        Severity severity, String detector, String message) implements AlertEvent {}
