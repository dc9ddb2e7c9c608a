package io.streamcl.core.learner;

import io.streamcl.core.diagnostics.PlasticityReport;
import io.streamcl.core.eval.TaskScore;
import io.streamcl.core.metrics.MetricsReport;
import java.util.List;

/**
 * What a learner reports at an evaluation: its position in the stream, training figures since the previous
 * report, the raw scores of this evaluation and the continual-evaluation metrics after it.
 *
 * @param sequence this learner's evaluation number, 1 for its first and one more for each after it; kept in the
 *     learner's state, so it continues across restores, and unique even where two evaluations share a step (a
 *     periodic evaluation and a boundary evaluation of the next task)
 * @param currentTask the task being trained, or null before the first example
 * @param scores this evaluation's per-task scores (empty when no seen task has held-out samples yet)
 * @param shadowMetrics the same metrics computed on the shadow (EMA) weights' accuracies; null without them
 * @param plasticity diagnostics on the current task's held-out set, when due at this evaluation; else null
 * @param reason why this evaluation ran
 */
public record LearnerReport(long sequence, long step, long examplesSeen, long eventTime, Integer currentTask,
        TrainingProgress.Report training, List<TaskScore> scores, MetricsReport metrics, MetricsReport shadowMetrics,
        PlasticityReport plasticity, EvaluationReason reason) {

    public LearnerReport {
        scores = List.copyOf(scores);
    }
}
