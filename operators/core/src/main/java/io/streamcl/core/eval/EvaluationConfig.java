package io.streamcl.core.eval;

import io.streamcl.core.metrics.MetricsConfig;
import io.streamcl.core.metrics.PeriodicEvaluation;
import java.util.Locale;

/**
 * Immutable settings of continual evaluation: when to evaluate, how large each task's held-out set is, how many
 * of its samples one evaluation uses, which share of training examples to hold out, and the metrics' settings.
 *
 * @param every evaluate after every {@code every}-th update (1 = every update, as De Lange et al. 2023), plus before
 *     the first update and at every task boundary
 * @param samplesPerTask capacity S of each task's reservoir-sampled held-out set
 * @param slice held-out samples per task used by one evaluation; {@code samplesPerTask} evaluates the whole set, a
 *     smaller slice rotates through it (each slice is a uniform sample of the set, so each estimate is unbiased,
 *     with the larger binomial noise of {@code slice} samples)
 * @param holdoutFraction share of TRAIN examples diverted to the held-out sets (EVAL examples always are)
 * @param metrics settings of the metric accumulators
 * @param plasticityEvery updates between plasticity diagnostics (dormant units, ranks, weight magnitude; an SVD per
 *     hidden layer on the current task's held-out set, so kept off the per-evaluation path); 0 turns them off
 */
public record EvaluationConfig(int every, int samplesPerTask, int slice, double holdoutFraction, MetricsConfig metrics,
        int plasticityEvery) {
    public static final int DEFAULT_EVERY = 10;
    public static final int DEFAULT_SAMPLES_PER_TASK = 500;
    public static final double DEFAULT_HOLDOUT_FRACTION = 0.0;
    public static final int DEFAULT_PLASTICITY_EVERY = 500;

    public EvaluationConfig {
        if (every < 1) {
            throw new IllegalArgumentException("eval.every must be at least 1, got " + every);
        }
        if (samplesPerTask < 1) {
            throw new IllegalArgumentException("eval.samples-per-task must be at least 1, got " + samplesPerTask);
        }
        if (slice < 1 || slice > samplesPerTask) {
            throw new IllegalArgumentException(
                    "eval.slice must be in [1, eval.samples-per-task=" + samplesPerTask + "], got " + slice);
        }
        if (!(holdoutFraction >= 0 && holdoutFraction < 1)) {
            throw new IllegalArgumentException("eval.holdout-fraction must be in [0, 1), got " + holdoutFraction);
        }
        if (plasticityEvery < 0) {
            throw new IllegalArgumentException("eval.plasticity-every must be at least 0, got " + plasticityEvery);
        }
        if (metrics == null) {
            throw new IllegalArgumentException("metrics settings must be set");
        }
    }

    public static EvaluationConfig defaults() {
        return new EvaluationConfig(DEFAULT_EVERY, DEFAULT_SAMPLES_PER_TASK, DEFAULT_SAMPLES_PER_TASK,
                DEFAULT_HOLDOUT_FRACTION, MetricsConfig.defaults(), DEFAULT_PLASTICITY_EVERY);
    }

    /**
     * The metrics' settings with the sample minimum capped at {@code slice}: no evaluation scores more than a slice,
     * so a larger minimum would keep every evaluation out of the metrics; a user who picks a small slice has chosen
     * noisier evaluations.
     */
    public MetricsConfig cappedMetrics() {
        return metrics.minSamples() <= slice ? metrics : metrics.withMinSamples(slice);
    }

    /** The cadence as a policy object. */
    public PeriodicEvaluation policy() {
        return PeriodicEvaluation.every(every);
    }

    /** Canonical text form, for logs and snapshots. */
    public String canonical() {
        return String.format(Locale.ROOT,
                "eval(every=%d,samples=%d,slice=%d,holdout=%s,lca=%d,max-tasks=%d,min-samples=%d,%s,"
                        + "plasticity-every=%d)", every, samplesPerTask, slice, holdoutFraction, metrics.lcaBeta(),
                metrics.maxTasks(), metrics.minSamples(), metrics.recovery(), plasticityEvery);
    }
}
