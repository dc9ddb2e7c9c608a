package io.streamcl.core.serving;

/** The prediction policy of a learner: always raw, always EMA, or the better of the two ({@link WeightsSelector}). */
public enum ServingMode {
    RAW,
    EMA,
    AUTO
}
