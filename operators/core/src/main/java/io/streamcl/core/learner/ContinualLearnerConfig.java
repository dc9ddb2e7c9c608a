package io.streamcl.core.learner;

import io.streamcl.core.detect.BoundaryDetectorConfig;
import io.streamcl.core.eval.EvaluationConfig;

/**
 * Everything that configures one learner key: how it learns, how it is continually evaluated, and how task-free
 * streams are cut into segments.
 */
public record ContinualLearnerConfig(LearnerConfig learner, EvaluationConfig evaluation,
        BoundaryDetectorConfig segmentation) {
    public ContinualLearnerConfig {
        if (learner == null || evaluation == null || segmentation == null) {
            throw new IllegalArgumentException("learner, evaluation and segmentation settings must all be set");
        }
    }

    /** A config with default evaluation and segmentation. */
    public static ContinualLearnerConfig of(LearnerConfig learner) {
        return new ContinualLearnerConfig(learner, EvaluationConfig.defaults(), BoundaryDetectorConfig.defaults());
    }

    /** Canonical text of all parts. */
    public String canonical() {
        return learner.canonical() + ";" + evaluation.canonical() + ";" + segmentation.canonical();
    }
}
