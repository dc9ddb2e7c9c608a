package io.streamcl.core.learner;

/** Why a learner ran a continual evaluation; carried on its {@link LearnerReport}. */
public enum EvaluationReason {
    /** Before the first update, when the first task starts. */
    INITIAL,
    /** After every {@code eval.every}-th update. */
    PERIODIC,
    /** A task (or drift segment) starts after another one. */
    BOUNDARY,
    /** The input ended ({@link ContinualLearner#finish()}): the last evaluation, with the final accuracy-matrix row. */
    END_OF_INPUT
}
