package io.streamcl.core.optim;

import java.nio.FloatBuffer;

/**
 * Read-only draws of stored inputs from the learner's replay memory, for stages that shape an update with past data
 * (Layerwise Proximal Replay): the learner hands it over in {@link StepSignals#replay()}, so a stage depends on this
 * interface and not on how the memory stores its rows.
 */
@FunctionalInterface
public interface ReplayInputs {
    /** No memory: every draw is empty. */
    ReplayInputs NONE = (drawKey, count, rows) -> 0;

    /**
     * Copies up to {@code count} distinct stored examples' features, drawn uniformly with {@code drawKey}, row-major
     * into rows 0, 1, ... of {@code rows}; returns how many (fewer when the memory holds fewer, 0 when it is empty).
     */
    int draw(long drawKey, int count, FloatBuffer rows);
}
