package io.streamcl.core.metrics;

/**
 * Immutable settings of {@link ContinualMetrics}: the LCA horizon beta, the stability-gap recovery tolerance and the
 * most tasks (or drift segments) tracked at once.
 *
 * <p>The windows of WF and WP are fixed at 10 and 100 evaluations, the values of De Lange et al. (2023) and the
 * fields of the {@code EvaluationEvent} schema. {@code maxTasks} bounds memory on task-free streams, where a drift
 * detector can open segments without end: past it the oldest task is forgotten (see {@link ContinualMetrics}).
 */
public record MetricsConfig(int lcaBeta, RecoveryTolerance recovery, int maxTasks) {
    /** beta = 10 as in De Lange et al.'s code and A-GEM's reported LCA_10. */
    public static final int DEFAULT_LCA_BETA = 10;
    public static final int DEFAULT_MAX_TASKS = 100;

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
    }

    public static MetricsConfig defaults() {
        return new MetricsConfig(DEFAULT_LCA_BETA, RecoveryTolerance.DEFAULT, DEFAULT_MAX_TASKS);
    }

    public MetricsConfig withLcaBeta(int beta) {
        return new MetricsConfig(beta, recovery, maxTasks);
    }

    public MetricsConfig withRecovery(RecoveryTolerance tolerance) {
        return new MetricsConfig(lcaBeta, tolerance, maxTasks);
    }

    public MetricsConfig withMaxTasks(int tasks) {
        return new MetricsConfig(lcaBeta, recovery, tasks);
    }
}
