package io.streamcl.core.detect;

import io.streamcl.core.spec.Spec;
import java.util.SplittableRandom;
import java.util.function.IntToDoubleFunction;

/**
 * Generators of labeled accuracy streams as subsampled continual evaluation produces them (De Lange et al. 2023;
 * {@code docs/metrics.md}): each value is the fraction of {@code samples} fresh held-out examples classified
 * right, i.e. Binomial(samples, p_t) / samples around the model's true accuracy p_t (standard error
 * sqrt(p(1-p)/samples), 1.58 points at p = 0.5 and S = 1000).
 */
final class SyntheticStreams {
    /** Shortest and longest training period of a task, in evaluations (the jobs' tasks run 30 to 100). */
    static final int TASK_MIN = 30;
    static final int TASK_MAX = 100;
    /** Evaluations a dip takes to fall to its bottom: the stability gap is sharp. */
    static final int DIP_FALL = 2;
    /** A 10-class task's accuracy before training. */
    private static final double CHANCE = 0.1;

    private final int samples;
    private final SplittableRandom random;

    SyntheticStreams(int samples, long seed) {
        this.samples = samples;
        this.random = new SplittableRandom(seed);
    }

    /** Accuracy around a constant level {@code p}. */
    LabeledStream flat(double p, int length) {
        return driftFree("flat p=" + Spec.number(p), length, t -> p);
    }

    /**
     * One task as a learner evaluates it: trained for {@code L} evaluations, L drawn from [{@link #TASK_MIN},
     * {@link #TASK_MAX}], along {@code level - (level - 0.1) exp(-t / (L / 4))} (from chance to 98 % of its final
     * level while it trains), then held at that level, {@code level} drawn from [0.6, 0.95]; with an AR(1) wobble of
     * the true accuracy (standard deviation {@code wobble}, lag-1 correlation 0.95) standing for SGD noise in the
     * weights, 0 for none.
     */
    LabeledStream task(double wobble, int length) {
        double[] drift = autoregressive(length, 0.95, wobble);
        IntToDoubleFunction curve = taskCurve();
        String name = "task curves" + (wobble > 0 ? " +wobble " + Spec.number(wobble) : "");
        return driftFree(name, length, t -> curve.applyAsDouble(t) + drift[t]);
    }

    /**
     * A stability-gap dip on a task just trained: a {@link #task} curve for its training period of L evaluations,
     * then a linear fall by {@code depth} over {@link #DIP_FALL} evaluations and an exponential recovery with time
     * constant {@code recovery}. The dip counts as detectable until three time constants after its bottom.
     */
    LabeledStream dip(double depth, double recovery) {
        int lead = TASK_MIN + random.nextInt(TASK_MAX - TASK_MIN + 1);
        IntToDoubleFunction curve = taskCurve(lead);
        int bottom = lead + DIP_FALL - 1;
        int end = bottom + (int) Math.ceil(3 * recovery);
        int length = end + (int) Math.ceil(3 * recovery);
        IntToDoubleFunction p = t -> t < lead ? curve.applyAsDouble(t)
                : t < bottom ? curve.applyAsDouble(lead) - depth * (t - lead + 1) / DIP_FALL
                : curve.applyAsDouble(lead) - depth * Math.exp(-(t - bottom) / recovery);
        return new LabeledStream("dip " + Spec.number(depth), sample(length, p), lead, depth, end);
    }

    private IntToDoubleFunction taskCurve() {
        return taskCurve(TASK_MIN + random.nextInt(TASK_MAX - TASK_MIN + 1));
    }

    private IntToDoubleFunction taskCurve(int trained) {
        double level = 0.6 + 0.35 * random.nextDouble();
        double tau = trained / 4.0;
        return t -> level - (level - CHANCE) * Math.exp(-Math.min(t, trained) / tau);
    }

    private LabeledStream driftFree(String family, int length, IntToDoubleFunction p) {
        return new LabeledStream(family, sample(length, p), -1, 0.0, -1);
    }

    private double[] sample(int length, IntToDoubleFunction p) {
        double[] values = new double[length];
        for (int t = 0; t < length; t++) {
            values[t] = binomial(Math.min(1.0, Math.max(0.0, p.applyAsDouble(t)))) / (double) samples;
        }
        return values;
    }

    /** An exact Binomial(samples, p) draw, by counting Bernoulli trials. */
    private int binomial(double p) {
        int hits = 0;
        for (int i = 0; i < samples; i++) {
            hits += random.nextDouble() < p ? 1 : 0;
        }
        return hits;
    }

    private double[] autoregressive(int length, double rho, double sd) {
        double[] x = new double[length];
        double innovation = sd * Math.sqrt(1 - rho * rho);
        x[0] = sd * random.nextGaussian();
        for (int t = 1; t < length; t++) {
            x[t] = rho * x[t - 1] + innovation * random.nextGaussian();
        }
        return x;
    }
}
