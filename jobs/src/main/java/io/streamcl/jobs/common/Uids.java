package io.streamcl.jobs.common;

import io.streamcl.flink.config.LearnerGrid;
import io.streamcl.flink.learner.ContinualLearnerFunction;

/** Operator uids: savepoints map state to operators by these, so they never change. */
public final class Uids {
    public static final String EXAMPLES_SOURCE = "examples-source";
    public static final String DECODER = "example-decoder";
    /** The learner of a job without a grid, and of a grid's configuration named {@code default}. */
    public static final String LEARNER = ContinualLearnerFunction.UID;
    /** The operator that routes keys to their configurations ({@code --config-for}). */
    public static final String KEY_ROUTER = "key-router";
    public static final String EVALUATIONS_SINK = "evaluations-sink";
    public static final String DEAD_LETTERS_SINK = "dead-letters-sink";
    public static final String PREDICTIONS_SINK = "predictions-sink";
    public static final String EVALUATIONS_SOURCE = "evaluations-source";
    public static final String EVALUATION_DECODER = "evaluation-decoder";
    public static final String ALERTS = "alerts";
    public static final String ALERTS_SINK = "alerts-sink";

    private Uids() {}

    /**
     * The learner of the grid configuration {@code name}: {@link #LEARNER} for {@code default}, so a job that grows
     * a grid keeps its single configuration's state under that name, else {@code continual-learner-<name>}.
     */
    public static String learner(String name) {
        return name.equals(LearnerGrid.DEFAULT_NAME) ? LEARNER : LEARNER + "-" + name;
    }
}
