package io.streamcl.flink.config;

import static io.streamcl.flink.config.SettingValues.integer;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The key-hygiene vocabulary of the training job: parses {@code keys.*} settings into {@link KeyLimits}. */
public final class KeySettings {
    /** Longest learner key in UTF-8 bytes; longer keys are dead-lettered. */
    public static final String MAX_KEY_LENGTH = "keys.max-length";
    /** Most live learners per subtask; records for new keys beyond it are dead-lettered. */
    public static final String MAX_LEARNERS = "keys.max-learners";
    /** ISO-8601 duration after which a learner without examples is dropped; PT0S keeps learners forever. */
    public static final String IDLE_EXPIRY = "keys.idle-expiry";

    public static final Map<String, String> DEFAULTS = Map.of(
            MAX_KEY_LENGTH, Integer.toString(KeyLimits.DEFAULT_MAX_KEY_BYTES),
            MAX_LEARNERS, Integer.toString(KeyLimits.DEFAULT_MAX_LEARNERS),
            IDLE_EXPIRY, Duration.ZERO.toString());

    private KeySettings() {}

    /** Every key this vocabulary knows. */
    public static Set<String> keys() {
        return new TreeSet<>(DEFAULTS.keySet());
    }

    /** Parses settings over the defaults; keys outside {@link #keys()} are ignored here (other components own them). */
    public static KeyLimits parse(Map<String, String> settings) {
        Map<String, String> s = SettingValues.overDefaults(DEFAULTS, settings);
        Duration expiry;
        try {
            expiry = Duration.parse(s.get(IDLE_EXPIRY));
        } catch (DateTimeParseException e) {
            throw new InvalidSettingException(
                    IDLE_EXPIRY + " must be an ISO-8601 duration like PT24H, got '" + s.get(IDLE_EXPIRY) + "'");
        }
        return new KeyLimits(integer(s, MAX_KEY_LENGTH), integer(s, MAX_LEARNERS), expiry);
    }
}
