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
    /** Evaluations before an injected dip: enough for every detector's warm-up. */
    static final int DIP_LEAD = 400;
    /** Evaluations a dip takes to fall to its bottom: the stability gap is sharp. */
    static final int DIP_FALL = 3;

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
     * A slow learning curve {@code p_t = end - (end - start) exp(-t / tau)} with an AR(1) wobble of the true accuracy
     * (standard deviation {@code wobble}, lag-1 correlation 0.95) standing for SGD noise in the weights; 0 turns it off.
     */
    LabeledStream learningCurve(double start, double end, double tau, double wobble, int length) {
        double[] drift = autoregressive(length, 0.95, wobble);
        String name = "curve " + Spec.number(start) + "->" + Spec.number(end)
                + (wobble > 0 ? " +wobble " + Spec.number(wobble) : "");
        return driftFree(name, length, t -> end - (end - start) * Math.exp(-t / tau) + drift[t]);
    }

    /**
     * A stability-gap dip on a task learned before it: over {@link #DIP_LEAD} evaluations the accuracy climbs to a
     * level drawn from [0.6, 0.95] along {@code level - rise exp(-t / 80)}, with {@code rise} drawn from [0, 0.3]
     * (so the task has converged when the dip comes, and detectors that average the whole history see the climb);
     * then it falls linearly by {@code depth} over {@link #DIP_FALL} evaluations and recovers exponentially with
     * time constant {@code recovery}. The dip counts as detectable until three time constants after its bottom.
     */
    LabeledStream dip(double depth, double recovery) {
        double level = 0.6 + 0.35 * random.nextDouble();
        double rise = 0.3 * random.nextDouble();
        int bottom = DIP_LEAD + DIP_FALL - 1;
        int end = bottom + (int) Math.ceil(3 * recovery);
        int length = end + (int) Math.ceil(3 * recovery);
        IntToDoubleFunction p = t -> t < DIP_LEAD ? level - rise * Math.exp(-t / 80.0)
                : t < bottom ? level - depth * (t - DIP_LEAD + 1) / DIP_FALL
                : level - depth * Math.exp(-(t - bottom) / recovery);
        return new LabeledStream("dip " + Spec.number(depth), sample(length, p), DIP_LEAD, depth, end);
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
