package io.streamcl.core.detect;

/** What an alert is about; the names match the Avro enum {@code AlertKind} of {@code ForgettingAlert}. */
public enum AlertKind {
    /** An old task's accuracy dropped (the stability gap, or forgetting). */
    FORGETTING_SPIKE,
    /** The learner is losing its ability to learn new tasks. */
    PLASTICITY_LOSS,
    /** Training diverged: a non-finite or exploding loss. */
    DIVERGENCE
}
