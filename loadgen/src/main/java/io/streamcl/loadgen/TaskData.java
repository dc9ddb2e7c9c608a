package io.streamcl.loadgen;

/** The data side of a scenario: what its tasks are and how to draw examples of each; {@link StreamPlan} orders them. */
public interface TaskData {

    /** A one-line description with the parameters, for logs and progress output. */
    String describe();

    /** Length of every feature vector. */
    int featureCount();

    /** Number of classes for classification, 0 for regression. */
    int classCount();

    /** Number of distinct tasks. */
    int taskCount();

    /** Examples per task when the plan does not say (e.g. one pass over a task's training images). */
    long naturalTaskLength();

    /** A fresh sampler; the same seed gives the same draws. */
    TaskSampler sampler(long seed);
}
