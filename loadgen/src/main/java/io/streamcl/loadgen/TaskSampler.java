package io.streamcl.loadgen;

import io.streamcl.schemas.Split;

/** Draws one example of a given task; holds the mutable state (cursors, random streams) of one pass over a scenario. */
@FunctionalInterface
public interface TaskSampler {

    /** The next example of {@code task}; EVAL examples come from held-out data where the source has any. */
    Sample draw(int task, Split split);
}
