package io.streamcl.core.detect;

/**
 * One change reported by a {@link ChangeDetector}.
 *
 * @param direction whether the level went up or down
 * @param step the step of the value that triggered the report
 * @param onsetStep the detector's estimate of the step at which the change began (each detector documents how it
 *     estimates it); at most {@code step}
 * @param baseline the detector's reference level before the change, in the units of the stream
 * @param value the value that triggered the report
 */
public record Detection(Direction direction, long step, long onsetStep, double baseline, double value) {}
