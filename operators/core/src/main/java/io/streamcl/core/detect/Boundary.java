package io.streamcl.core.detect;

/**
 * A segment boundary found in a task-free stream: a new task (or drift segment) seems to have started.
 *
 * @param step the update at which the boundary was detected
 * @param onsetStep the detector's estimate of the update at which the new segment began
 * @param lossBefore the detector's reference loss before the change
 * @param loss the loss at {@code step}
 */
public record Boundary(long step, long onsetStep, double lossBefore, double loss) {}
