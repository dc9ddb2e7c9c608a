package io.streamcl.loadgen;

/**
 * How a scenario's tasks are turned into one stream: the seed, examples per task, how often the task sequence
 * recurs, how gradually one task blends into the next, and which fraction is held out for evaluation.
 *
 * @param seed every random choice of the stream derives from it
 * @param examplesPerTask examples of each task before the next begins; 0 means the data's natural task length
 * @param repeats how many times the whole task sequence is played (recurring tasks when above 1)
 * @param driftWindow examples over which one task blends linearly into the next, centred on the boundary;
 *     0 for abrupt boundaries
 * @param evalFraction probability that an example is marked EVAL (held out) instead of TRAIN
 */
public record StreamPlan(long seed, long examplesPerTask, int repeats, long driftWindow, double evalFraction) {

    public StreamPlan {
        Check.atLeast("examples-per-task", examplesPerTask, 0);
        Check.atLeast("repeats", repeats, 1);
        Check.atLeast("drift-window", driftWindow, 0);
        Check.inRange("eval-fraction", evalFraction, 0.0, 1.0);
    }

    /** Seed 42, natural task length, one pass, abrupt boundaries, 10% held out. */
    public static StreamPlan defaults() {
        return new StreamPlan(42L, 0L, 1, 0L, 0.1);
    }

    public StreamPlan withSeed(long seed) {
        return new StreamPlan(seed, examplesPerTask, repeats, driftWindow, evalFraction);
    }

    public StreamPlan withExamplesPerTask(long examplesPerTask) {
        return new StreamPlan(seed, examplesPerTask, repeats, driftWindow, evalFraction);
    }

    public StreamPlan withRepeats(int repeats) {
        return new StreamPlan(seed, examplesPerTask, repeats, driftWindow, evalFraction);
    }

    public StreamPlan withDriftWindow(long driftWindow) {
        return new StreamPlan(seed, examplesPerTask, repeats, driftWindow, evalFraction);
    }

    public StreamPlan withEvalFraction(double evalFraction) {
        return new StreamPlan(seed, examplesPerTask, repeats, driftWindow, evalFraction);
    }
}
