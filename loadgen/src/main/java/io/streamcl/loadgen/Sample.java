package io.streamcl.loadgen;

import io.streamcl.schemas.Split;
import java.util.Objects;

/**
 * One generated example before it gets a learner key, a sequence number and an event time.
 *
 * @param taskId the task the example was drawn from
 * @param split TRAIN, or EVAL for examples held out for continual evaluation
 * @param features the input vector
 * @param label the class (0-based) for classification, else null
 * @param target the regression target, else null
 */
public record Sample(int taskId, Split split, FeatureVector features, Integer label, Double target) {

    public Sample {
        Objects.requireNonNull(split, "split");
        Objects.requireNonNull(features, "features");
    }

    /** A classification sample. */
    public static Sample classified(int taskId, Split split, FeatureVector features, int label) {
        return new Sample(taskId, split, features, label, null);
    }

    /** A regression sample. */
    public static Sample regression(int taskId, Split split, FeatureVector features, double target) {
        return new Sample(taskId, split, features, null, target);
    }
}
