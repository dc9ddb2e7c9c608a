package io.streamcl.loadgen;

/** How one scenario feeds several learner keys. */
public enum KeyMode {
    /** Every key gets the identical stream, to compare learner configurations side by side on the same data. */
    REPLICATED,
    /** Every key gets its own stream of the scenario, with a seed derived from the scenario seed and the key's index. */
    INDEPENDENT
}
