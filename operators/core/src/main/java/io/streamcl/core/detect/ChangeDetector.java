package io.streamcl.core.detect;

import java.io.DataOutput;
import java.io.IOException;
import java.util.Optional;

/**
 * The mutable state of one change detector over one stream of values (one per learner key and metric); its
 * immutable parameters are its {@link DetectorConfig}, which also restores it from {@link #writeTo}'s bytes.
 *
 * <p>Every implementation keeps bounded memory, accepts finite values only (callers decide what a NaN metric
 * means: see {@link DivergenceAlerts}), and, unless its Javadoc says otherwise, starts afresh after it reports a
 * change so that one shift gives one report.
 */
public interface ChangeDetector {

    DetectorConfig config();

    /**
     * Feeds the value observed at {@code step} (steps must not decrease) and returns the change it reveals, if
     * any, in a direction the config watches.
     *
     * @throws IllegalArgumentException if {@code value} is NaN or infinite
     */
    Optional<Detection> update(long step, double value);

    /**
     * Feeds a value whose sampling standard error is {@code standardError} (e.g. the binomial error of an accuracy
     * measured on a finite held-out set). Detectors whose limits are in standard errors scale them by it; the
     * others ignore it, as this default does.
     */
    default Optional<Detection> update(long step, double value, double standardError) {
        return update(step, value);
    }

    /** Forgets everything seen, as if just created. */
    void reset();

    /** Writes the state (not the config) in a versioned binary form that {@link DetectorConfig#restore} reads. */
    void writeTo(DataOutput out) throws IOException;

    /** Fails unless {@code value} is finite; the message names the detector. */
    static void requireFinite(DetectorConfig config, long step, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(config.canonical() + " was fed " + value + " at step " + step
                    + "; detectors accept finite values only");
        }
    }
}
