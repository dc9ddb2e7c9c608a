package io.streamcl.core.learner;

import io.streamcl.core.eval.EvaluationConfig;

/** Everything that configures one learner key: how it learns and how it is continually evaluated. */
public record ContinualLearnerConfig(LearnerConfig learner, EvaluationConfig evaluation) {
    public ContinualLearnerConfig {
        if (learner == null || evaluation == null) {
            throw new IllegalArgumentException("learner and evaluation settings must both be set");
        }
    }

    /** Canonical text of both parts. */
    public String canonical() {
        return learner.canonical() + ";" + evaluation.canonical();
    }
}
