package io.streamcl.loadgen;

import java.util.Iterator;
import java.util.Objects;

/**
 * A seeded, deterministic continual-learning stream: the tasks of a {@link TaskData}, sequenced, repeated,
 * blended and marked TRAIN/EVAL by a {@link StreamPlan}. Every call to {@link #samples()} replays the same stream.
 */
public final class Scenario {

    private final TaskData data;
    private final StreamPlan plan;
    private final long examplesPerTask;

    private Scenario(TaskData data, StreamPlan plan) {
        this.data = Objects.requireNonNull(data, "data");
        this.plan = Objects.requireNonNull(plan, "plan");
        this.examplesPerTask = plan.examplesPerTask() > 0 ? plan.examplesPerTask() : data.naturalTaskLength();
        Check.atLeast("examples-per-task", examplesPerTask, 1);
        if (plan.driftWindow() > examplesPerTask) {
            throw new IllegalArgumentException("drift-window must not exceed examples-per-task (" + examplesPerTask
                    + "), was " + plan.driftWindow());
        }
    }

    /** The scenario that plays {@code data} as {@code plan} says. */
    public static Scenario of(TaskData data, StreamPlan plan) {
        return new Scenario(data, plan);
    }

    public TaskData data() {
        return data;
    }

    public StreamPlan plan() {
        return plan;
    }

    /** The same scenario with another seed (e.g. one independent stream per learner key). */
    public Scenario withSeed(long seed) {
        return new Scenario(data, plan.withSeed(seed));
    }

    /** Examples of each task before the next begins. */
    public long examplesPerTask() {
        return examplesPerTask;
    }

    /** Number of task periods in the stream: every task once per repeat. */
    public long stageCount() {
        return (long) data.taskCount() * plan.repeats();
    }

    /** The task played in period {@code stage}; the sequence recurs when the plan repeats it. */
    public int taskAtStage(long stage) {
        return (int) (stage % data.taskCount());
    }

    /** Total number of samples in the stream. */
    public long length() {
        return Math.multiplyExact(stageCount(), examplesPerTask);
    }

    /** A fresh iterator over the whole stream, from the first sample. */
    public Iterator<Sample> samples() {
        return new TaskStream(this, data.sampler(Randomness.derive(plan.seed(), "sampler", 0)),
                Randomness.random(plan.seed(), "stream"));
    }

    /** A one-line description with all parameters. */
    public String describe() {
        return data.describe() + " x " + stageCount() + " stages of " + examplesPerTask + " examples (seed="
                + plan.seed() + ", repeats=" + plan.repeats() + ", drift-window=" + plan.driftWindow()
                + ", eval-fraction=" + plan.evalFraction() + ")";
    }

    @Override
    public String toString() {
        return describe();
    }
}
