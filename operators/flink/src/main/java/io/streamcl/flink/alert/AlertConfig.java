package io.streamcl.flink.alert;

import io.streamcl.core.detect.ForgettingAlertsConfig;

/**
 * What {@link AlertFunction} runs per learner key: forgetting alerts on the held-out accuracy of each of at most
 * {@code maxTasks} tasks, beside the core's divergence and plasticity-loss rules, which run with their defaults.
 *
 * @param maxTasks tasks whose alert state a key keeps at once, at least 2; beyond it the task seen first (other than
 *     the one training) is forgotten, as the learner forgets its metrics
 */
public record AlertConfig(ForgettingAlertsConfig forgetting, int maxTasks) {
    public static final int DEFAULT_MAX_TASKS = 100;

    public AlertConfig {
        if (forgetting == null) {
            throw new IllegalArgumentException("forgetting must be set, e.g. ForgettingAlertsConfig.defaults()");
        }
        if (maxTasks < 2) {
            throw new IllegalArgumentException("maxTasks must be at least 2, got " + maxTasks);
        }
    }

    /** The calibrated forgetting defaults over {@link #DEFAULT_MAX_TASKS} tasks. */
    public static AlertConfig defaults() {
        return new AlertConfig(ForgettingAlertsConfig.defaults(), DEFAULT_MAX_TASKS);
    }
}
