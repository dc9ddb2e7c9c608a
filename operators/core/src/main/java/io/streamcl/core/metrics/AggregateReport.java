package io.streamcl.core.metrics;

import java.util.List;

/**
 * Metrics over all tracked tasks at one step (De Lange et al., ICLR 2023); null means no task had the inputs yet.
 * The "current" task is the one training now, or after {@code endTask} the last one trained.
 *
 * @param avgAccuracy mean of every started task's newest accuracy
 * @param minAccuracy min-ACC: mean over the other tasks of their {@link TaskReport#minAccuracy}
 * @param worstCaseAccuracy WC-ACC = (1/k) A(current) + (1 - 1/k) min-ACC, k = 1 + the tasks in min-ACC; as in the
 *     reference code, the mean of the current task's newest accuracy and those minima; the current task's accuracy
 *     is its newest counted one ({@link TaskReport#countedAccuracy}), and WC-ACC is null until it has one
 * @param learningCurveArea LCA_beta averaged over the tasks whose LCA is complete (A-GEM's definition)
 * @param windowedForgetting10 WF^10 averaged over every started task, the current one included, as in the reference
 *     code ({@code docs/metrics.md}): WP of the task being learned is the point of WP, and WF uses the same set
 * @param windowedForgetting100 WF^100, same average
 * @param windowedPlasticity10 WP^10, same average
 * @param windowedPlasticity100 WP^100, same average
 */
public record AggregateReport(Double avgAccuracy, Double minAccuracy, Double worstCaseAccuracy,
        Double learningCurveArea, Double windowedForgetting10, Double windowedForgetting100,
        Double windowedPlasticity10, Double windowedPlasticity100) {

    /** The aggregates of {@code tasks} when {@code currentTask} (null: none started yet) is the current task. */
    static AggregateReport over(List<TaskReport> tasks, Integer currentTask) {
        Mean accuracy = new Mean();
        Mean minimum = new Mean();
        Mean worstCase = new Mean();
        Mean learningCurve = new Mean();
        Mean forgetting10 = new Mean();
        Mean forgetting100 = new Mean();
        Mean plasticity10 = new Mean();
        Mean plasticity100 = new Mean();
        boolean currentKnown = false;
        for (TaskReport task : tasks) {
            accuracy.add(task.accuracy());
            if (currentTask != null && task.taskId() == currentTask) {
                currentKnown = task.countedAccuracy() != null;
                worstCase.add(task.countedAccuracy());
            } else {
                minimum.add(task.minAccuracy());
                worstCase.add(task.minAccuracy());
            }
            learningCurve.add(task.learningCurveArea());
            forgetting10.add(task.windowedForgetting10());
            forgetting100.add(task.windowedForgetting100());
            plasticity10.add(task.windowedPlasticity10());
            plasticity100.add(task.windowedPlasticity100());
        }
        return new AggregateReport(accuracy.result(), minimum.result(), currentKnown ? worstCase.result() : null,
                learningCurve.result(), forgetting10.result(), forgetting100.result(), plasticity10.result(),
                plasticity100.result());
    }
}
