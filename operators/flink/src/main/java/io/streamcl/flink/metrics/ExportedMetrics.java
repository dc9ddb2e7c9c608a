package io.streamcl.flink.metrics;

import java.util.List;

/**
 * The names of the jobs' own metrics, as the functions register them and as Flink's Prometheus reporter exports them
 * ({@code flink_taskmanager_job_task_operator_} + scope + name; per-key gauges add the scope {@code learner_} and
 * the label {@code learner}, per-task ones {@code learner_task_} and the label {@code task}). Dashboards and alerting
 * rules under {@code deploy/k8s/monitoring} may use these and nothing else; a test checks that they do.
 */
public final class ExportedMetrics {
    /** What Flink's Prometheus reporter puts before an operator metric's scope and name. */
    public static final String OPERATOR_PREFIX = "flink_taskmanager_job_task_operator_";

    // Per learner key (KeyGauges), from the training job's learner.
    public static final String HELD_OUT_ACCURACY = "heldOutAccuracy";
    public static final String AVG_ACCURACY = "avgAccuracy";
    public static final String MIN_ACCURACY = "minAccuracy";
    public static final String WORST_CASE_ACCURACY = "worstCaseAccuracy";
    public static final String ONLINE_ACCURACY = "onlineAccuracy";
    public static final String MODEL_STEP = "modelStep";
    public static final String EXAMPLES_SEEN = "examplesSeen";
    public static final String EXAMPLES_PER_SECOND = "examplesPerSecond";
    // Per learner key, from the alert job.
    public static final String ALERTS_OPEN = "alertsOpen";
    // Per operator subtask.
    public static final String ALERTS_OPENED = "alertsOpened";
    public static final String ALERTS_RESOLVED = "alertsResolved";
    public static final String STALE_EVALUATIONS = "staleEvaluations";
    public static final String ALERT_RESTARTS = "alertRestarts";
    /** Open alerts closed without recovery because their run or configuration was superseded or their key expired. */
    public static final String ALERTS_SUPERSEDED = "alertsSuperseded";
    public static final String ALERT_STATES_EXPIRED = "alertStatesExpired";
    /** Per operator subtask in total, and per reason (scope {@code reason_}, label {@code reason}). */
    public static final String DEAD_LETTERS = "deadLetters";
    public static final String EXAMPLES_HELD_OUT = "examplesHeldOut";
    /** Learners a subtask holds ({@code keys.max-learners}) and those dropped as idle ({@code keys.idle-expiry}). */
    public static final String LIVE_LEARNERS = "liveLearners";
    public static final String LEARNERS_EXPIRED = "learnersExpired";

    private ExportedMetrics() {}

    /** Every Prometheus metric name the jobs export of their own (Flink's built-in metrics aside). */
    public static List<String> prometheusNames() {
        String key = OPERATOR_PREFIX + KeyGauges.LEARNER + "_";
        return List.of(key + "task_" + HELD_OUT_ACCURACY, key + AVG_ACCURACY, key + MIN_ACCURACY,
                key + WORST_CASE_ACCURACY, key + ONLINE_ACCURACY, key + MODEL_STEP, key + EXAMPLES_SEEN,
                key + EXAMPLES_PER_SECOND, key + ALERTS_OPEN,
                OPERATOR_PREFIX + ALERTS_OPENED, OPERATOR_PREFIX + ALERTS_RESOLVED,
                OPERATOR_PREFIX + STALE_EVALUATIONS, OPERATOR_PREFIX + ALERT_RESTARTS,
                OPERATOR_PREFIX + ALERTS_SUPERSEDED, OPERATOR_PREFIX + ALERT_STATES_EXPIRED, OPERATOR_PREFIX + DEAD_LETTERS,
                OPERATOR_PREFIX + DeadLetterMetrics.REASON + "_" + DEAD_LETTERS,
                OPERATOR_PREFIX + EXAMPLES_HELD_OUT, OPERATOR_PREFIX + LIVE_LEARNERS, OPERATOR_PREFIX + LEARNERS_EXPIRED);
    }
}
