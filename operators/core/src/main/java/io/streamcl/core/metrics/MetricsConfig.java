package io.streamcl.core.metrics;

/**
 * Immutable settings of {@link ContinualMetrics}: the LCA horizon beta, the stability-gap recovery tolerance, the
 * most tasks (or drift segments) tracked at once and the fewest samples an evaluation needs to count.
 *
 * <p>The windows of WF and WP are fixed at 10 and 100 evaluations, the values of De Lange et al. (2023) and the
 * fields of the {@code EvaluationEvent} schema. {@code maxTasks} bounds memory on task-free streams, where a drift
 * detector can open segments without end: past it the oldest task is forgotten (see {@link ContinualMetrics}).
 *
 * <p>{@code minSamples}: a task's held-out set fills from empty while the task trains, so its first evaluations
 * rest on a handful of samples (binomial standard error 0.2 at 5 samples) and would dominate min-ACC, WC-ACC, WF/WP
 * and the stability gaps, which all take extremes or differences of noisy estimates. An evaluation on fewer samples
 * is still reported (newest accuracy, avg-ACC, LCA) but enters none of those; nor does it give the FWT inputs b_j and
 * R_{j-1,j}. The default 100 keeps the standard error at or below 5 points.
 */
public record MetricsConfig(int lcaBeta, RecoveryTolerance recovery, int maxTasks, int minSamples) {
    /** beta = 10 as in De Lange et al.'s code and A-GEM's reported LCA_10. */
    public static final int DEFAULT_LCA_BETA = 10;
    public static final int DEFAULT_MAX_TASKS = 100;
    public static final int DEFAULT_MIN_SAMPLES = 100;

    public MetricsConfig {
        if (lcaBeta < 0) {
            throw new IllegalArgumentException("lcaBeta must be at least 0, got " + lcaBeta);
        }
        if (recovery == null) {
            throw new IllegalArgumentException("recovery must be set, e.g. RecoveryTolerance.absolute(0.01)");
        }
        if (maxTasks < 2) {
            throw new IllegalArgumentException("maxTasks must be at least 2, got " + maxTasks);
        }
        if (minSamples < 1) {
            throw new IllegalArgumentException("eval.min-samples must be at least 1, got " + minSamples);
        }
    }

    public static MetricsConfig defaults() {
        return new MetricsConfig(DEFAULT_LCA_BETA, RecoveryTolerance.DEFAULT, DEFAULT_MAX_TASKS, DEFAULT_MIN_SAMPLES);
    }

    public MetricsConfig withLcaBeta(int beta) {
        return new MetricsConfig(beta, recovery, maxTasks, minSamples);
    }

    public MetricsConfig withRecovery(RecoveryTolerance tolerance) {
        return new MetricsConfig(lcaBeta, tolerance, maxTasks, minSamples);
    }

    public MetricsConfig withMaxTasks(int tasks) {
        return new MetricsConfig(lcaBeta, recovery, tasks, minSamples);
    }

    public MetricsConfig withMinSamples(int samples) {
        return new MetricsConfig(lcaBeta, recovery, maxTasks, samples);
    }

    /** Whether an evaluation on {@code samples} samples enters the extremes and differences (see above). */
    boolean counts(int samples) {
        return samples >= minSamples;
    }
}
