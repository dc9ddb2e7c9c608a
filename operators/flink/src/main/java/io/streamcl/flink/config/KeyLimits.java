package io.streamcl.flink.config;

import java.io.Serializable;
import java.time.Duration;

/**
 * Bounds on learner keys, so that no key and no flood of keys can exhaust a subtask: records over a limit are
 * dead-lettered, idle learners are dropped.
 *
 * @param maxKeyBytes longest learner key, in UTF-8 bytes
 * @param maxLearners most live learners one subtask holds; a record for a new key beyond it is dead-lettered
 * @param idleExpiry a learner that received no example for this long is dropped (its model and state are lost);
 *     zero keeps learners forever
 */
public record KeyLimits(int maxKeyBytes, int maxLearners, Duration idleExpiry) implements Serializable {
    public static final int DEFAULT_MAX_KEY_BYTES = 256;
    public static final int DEFAULT_MAX_LEARNERS = 1000;
    public static final KeyLimits DEFAULTS = new KeyLimits(DEFAULT_MAX_KEY_BYTES, DEFAULT_MAX_LEARNERS, Duration.ZERO);

    public KeyLimits {
        if (maxKeyBytes < 1) {
            throw new InvalidSettingException(KeySettings.MAX_KEY_LENGTH + " must be >= 1, got " + maxKeyBytes);
        }
        if (maxLearners < 1) {
            throw new InvalidSettingException(KeySettings.MAX_LEARNERS + " must be >= 1, got " + maxLearners);
        }
        if (idleExpiry.isNegative()) {
            throw new InvalidSettingException(KeySettings.IDLE_EXPIRY + " must not be negative, got " + idleExpiry);
        }
    }

    /** True when idle learners expire. */
    public boolean expires() {
        return !idleExpiry.isZero();
    }
}
