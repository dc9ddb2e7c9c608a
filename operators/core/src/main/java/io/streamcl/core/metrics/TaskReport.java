package io.streamcl.core.metrics;

/**
 * Continual-evaluation figures of one task (or drift segment) that has started training; null means not known yet.
 * Maps onto the {@code TaskMetrics} record of {@code EvaluationEvent} (samples and EMA accuracy come from the caller).
 *
 * @param training whether the task is the one being trained now
 * @param evaluations evaluations recorded for the task, those before its training started included
 * @param lastEvaluationStep model step of the newest evaluation
 * @param accuracy accuracy at the newest evaluation
 * @param countedAccuracy accuracy at the newest evaluation on at least {@link MetricsConfig#minSamples} samples, the
 *     one WC-ACC takes for the current task
 * @param loss mean loss at the newest evaluation, when the caller gave one
 * @param onlineAccuracy prequential accuracy over all of the task's predicted training examples
 * @param onlineExamples training examples behind {@code onlineAccuracy}
 * @param minAccuracy lowest counted accuracy at an evaluation after its latest training period ended (strictly
 *     after the end step); restarts (null) when the task trains again
 * @param windowedForgetting10 WF^10, over counted evaluations since its training started
 * @param windowedForgetting100 WF^100
 * @param windowedPlasticity10 WP^10
 * @param windowedPlasticity100 WP^100
 * @param learningCurveArea LCA_beta of this task, once beta+1 evaluations of its first training period are in
 */
public record TaskReport(int taskId, boolean training, long evaluations, Long lastEvaluationStep, Double accuracy,
        Double countedAccuracy, Double loss, Double onlineAccuracy, long onlineExamples, Double minAccuracy,
        Double windowedForgetting10, Double windowedForgetting100, Double windowedPlasticity10,
        Double windowedPlasticity100, Double learningCurveArea) {}
