package io.streamcl.jobs.common;

import io.streamcl.flink.learner.ContinualLearnerFunction;

/** Operator uids: savepoints map state to operators by these, so they never change. */
public final class Uids {
    public static final String EXAMPLES_SOURCE = "examples-source";
    public static final String DECODER = "example-decoder";
    public static final String LEARNER = ContinualLearnerFunction.UID;
    public static final String EVALUATIONS_SINK = "evaluations-sink";
    public static final String DEAD_LETTERS_SINK = "dead-letters-sink";
    public static final String PREDICTIONS_SINK = "predictions-sink";
    public static final String EVALUATIONS_SOURCE = "evaluations-source";
    public static final String EVALUATION_DECODER = "evaluation-decoder";
    public static final String ALERTS = "alerts";
    public static final String ALERTS_SINK = "alerts-sink";

    private Uids() {}
}
