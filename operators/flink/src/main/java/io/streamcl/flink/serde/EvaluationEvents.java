package io.streamcl.flink.serde;

import io.streamcl.core.diagnostics.PlasticityReport;
import io.streamcl.core.eval.TaskScore;
import io.streamcl.core.learner.LearnerReport;
import io.streamcl.core.learner.TrainingProgress;
import io.streamcl.core.metrics.AggregateReport;
import io.streamcl.core.metrics.BoundaryReport;
import io.streamcl.core.metrics.GapReport;
import io.streamcl.core.metrics.MetricsReport;
import io.streamcl.core.metrics.TaskReport;
import io.streamcl.core.model.ParameterLayout;
import io.streamcl.schemas.AggregateMetrics;
import io.streamcl.schemas.EvaluationEvent;
import io.streamcl.schemas.EvaluationTrigger;
import io.streamcl.schemas.PlasticityDiagnostics;
import io.streamcl.schemas.StabilityGap;
import io.streamcl.schemas.TaskMetrics;
import io.streamcl.schemas.codec.EventCodec;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Maps a core {@link LearnerReport} to an {@link EvaluationEvent}: the one place learner results become Avro. */
public final class EvaluationEvents {
    static {
        // Generated builders resolve defaults through Avro's class checks, not only decoders do.
        EventCodec.trustGeneratedClasses();
    }

    private EvaluationEvents() {}

    /** The event for {@code report} of a learner whose model has {@code layout}. */
    public static EvaluationEvent of(String key, String configHash, String configName, ParameterLayout layout,
            LearnerReport report) {
        Map<Integer, TaskScore> scores =
                report.scores().stream().collect(Collectors.toMap(TaskScore::taskId, Function.identity()));
        return EvaluationEvent.newBuilder()
                .setKey(key)
                .setModelStep(report.step())
                .setEvaluationSeq(report.sequence())
                .setExamplesSeen(report.examplesSeen())
                .setEventTime(Instant.ofEpochMilli(Math.max(0, report.eventTime())))
                .setConfigHash(configHash)
                .setConfigName(configName)
                .setCurrentTask(report.currentTask())
                .setTrainLoss(trainLoss(report.training()))
                .setOnlineAccuracy(finiteOrNull(report.training().onlineAccuracy()))
                .setTasks(report.metrics().tasks().stream().map(t -> task(t, scores.get(t.taskId()))).toList())
                .setAggregate(aggregate(report.metrics()))
                .setEmaAggregate(report.shadowMetrics() == null ? null : aggregate(report.shadowMetrics()))
                .setStabilityGaps(report.metrics().currentGaps().stream().map(EvaluationEvents::gap).toList())
                .setEmaStabilityGaps(report.shadowMetrics() == null ? List.of()
                        : report.shadowMetrics().currentGaps().stream().map(EvaluationEvents::gap).toList())
                .setPlasticity(report.plasticity() == null ? null : plasticity(report.plasticity(), layout))
                .setTrigger(EvaluationTrigger.valueOf(report.reason().name()))
                .build();
    }

    private static TaskMetrics task(TaskReport t, TaskScore score) {
        return TaskMetrics.newBuilder()
                .setTaskId(t.taskId())
                .setSamples(score == null ? 0 : score.samples())
                .setAccuracy(score == null ? null : score.accuracy())
                .setLoss(score == null ? null : finiteOrNull(score.loss()))
                .setEmaAccuracy(score == null ? null : finiteOrNull(score.shadowAccuracy()))
                .setOnlineAccuracy(t.onlineAccuracy())
                .setMinAccuracy(t.minAccuracy())
                .setWindowedForgetting10(t.windowedForgetting10())
                .setWindowedForgetting100(t.windowedForgetting100())
                .setWindowedPlasticity10(t.windowedPlasticity10())
                .setWindowedPlasticity100(t.windowedPlasticity100())
                .setLearningCurveArea(t.learningCurveArea())
                .build();
    }

    /** The aggregates of {@code metrics}, with the accuracy-matrix row when it was taken at this step. */
    private static AggregateMetrics aggregate(MetricsReport metrics) {
        AggregateReport a = metrics.aggregate();
        BoundaryReport boundary = metrics.atBoundary() ? metrics.boundary() : null;
        AggregateMetrics.Builder builder = AggregateMetrics.newBuilder()
                .setAvgAccuracy(a.avgAccuracy())
                .setMinAccuracy(a.minAccuracy())
                .setWorstCaseAccuracy(a.worstCaseAccuracy())
                .setLearningCurveArea(a.learningCurveArea())
                .setWindowedForgetting10(a.windowedForgetting10())
                .setWindowedForgetting100(a.windowedForgetting100())
                .setWindowedPlasticity10(a.windowedPlasticity10())
                .setWindowedPlasticity100(a.windowedPlasticity100());
        if (boundary != null) {
            builder.setEndedTask(boundary.endedTask())
                    .setAccuracyMatrixRowTasks(boundary.tasks())
                    .setAccuracyMatrixRow(boundary.accuracies())
                    .setFinalAccuracy(boundary.finalAccuracy())
                    .setBackwardTransfer(boundary.backwardTransfer())
                    .setForwardTransfer(boundary.forwardTransfer())
                    .setForgetting(boundary.forgetting());
        }
        return builder.build();
    }

    /**
     * Summaries across layers: dormant units over all hidden units, ranks of the last hidden layer (the
     * representation the output layer reads), mean |w| over all weights.
     */
    private static PlasticityDiagnostics plasticity(PlasticityReport p, ParameterLayout layout) {
        int last = p.effectiveRank().length - 1;
        return PlasticityDiagnostics.newBuilder()
                .setDormantFraction(finiteOrNull(p.overallDormantFraction(layout)))
                .setEffectiveRank(last < 0 ? null : p.effectiveRank()[last])
                .setApproximateRank(last < 0 ? null : (double) p.approximateRank()[last])
                .setWeightMagnitude(finiteOrNull(p.overallWeightMagnitude(layout)))
                .setGradientNorm(finiteOrNull(p.gradientNorm()))
                .build();
    }

    private static StabilityGap gap(GapReport g) {
        return StabilityGap.newBuilder()
                .setTaskId(g.taskId())
                .setBoundaryStep(g.boundaryStep())
                .setPreBoundaryAccuracy(g.preBoundaryAccuracy())
                .setDepth(g.depth())
                .setStepsToMinimum(g.stepsToMinimum())
                .setStepsToRecover(g.stepsToRecover())
                .setArea(g.area())
                .setClosed(!g.open())
                .build();
    }

    /** Null without updates; a NaN or infinite loss is kept, since that is how a diverged learner shows. */
    private static Double trainLoss(TrainingProgress.Report training) {
        return training.updates() == 0 ? null : training.meanLoss();
    }

    private static Double finiteOrNull(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
