package io.streamcl.core.serving;

/** Which parameters of a learner answer a prediction: the raw training weights or their EMA shadow. */
public enum ServedWeights {
    RAW,
    EMA
}
