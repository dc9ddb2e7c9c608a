package io.streamcl.flink.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/** The key-hygiene vocabulary of the training job: parses {@code keys.*} settings into {@link KeyLimits}. */
public final class KeySettings {
    public static final String MAX_KEY_LENGTH = "keys.max-length";
    public static final String MAX_LEARNERS = "keys.max-learners";
    public static final String IDLE_EXPIRY = "keys.idle-expiry";

    /** Every key-hygiene setting; none shapes a learner's state, so all may change on restore. */
    public static final List<Setting<?>> DEFINITIONS = List.of(
            Setting.integer(MAX_KEY_LENGTH, KeyLimits.DEFAULT_MAX_KEY_BYTES, false,
                    "longest learner key in UTF-8 bytes; records with longer keys are dead-lettered"),
            Setting.integer(MAX_LEARNERS, KeyLimits.DEFAULT_MAX_LEARNERS, false,
                    "most live learners per subtask; records for new keys beyond it are dead-lettered"),
            Setting.of(IDLE_EXPIRY, "duration", Duration.ZERO.toString(), false,
                    "ISO-8601 duration after which a learner without examples is dropped; PT0S keeps learners forever",
                    KeySettings::duration));

    private KeySettings() {}

    /** Parses settings over the defaults; keys outside {@link #DEFINITIONS} are ignored here. */
    public static KeyLimits parse(Map<String, String> settings) {
        return new KeyLimits(Setting.valueOf(DEFINITIONS, MAX_KEY_LENGTH, settings),
                Setting.valueOf(DEFINITIONS, MAX_LEARNERS, settings),
                Setting.valueOf(DEFINITIONS, IDLE_EXPIRY, settings));
    }

    /** Parses an ISO-8601 duration setting; the error says what is expected. */
    static Duration duration(String text) {
        try {
            return Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("must be an ISO-8601 duration like PT24H");
        }
    }
}
