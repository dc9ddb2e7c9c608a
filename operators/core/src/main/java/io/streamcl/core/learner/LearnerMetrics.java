package io.streamcl.core.learner;

import io.streamcl.core.eval.TaskScore;
import io.streamcl.core.eval.TransferScores;
import io.streamcl.core.metrics.ContinualMetrics;
import io.streamcl.core.metrics.MetricsConfig;
import io.streamcl.core.metrics.MetricsReport;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The continual metrics of a learner's raw weights and, when the optimizer keeps EMA weights, the same metrics of
 * those (Soutif-Cormerais et al., CoLLAs 2023, compare both), fed with the same boundaries and held-out rows so the
 * two sets of aggregates compare like for like. Prequential figures exist for the raw weights only: the shadow
 * weights never predict the training stream.
 */
final class LearnerMetrics {
    private final ContinualMetrics raw;
    private final ContinualMetrics shadow;

    private LearnerMetrics(ContinualMetrics raw, ContinualMetrics shadow) {
        this.raw = raw;
        this.shadow = shadow;
    }

    /** Metrics of the raw weights, and of the shadow weights when {@code withShadow}. */
    static LearnerMetrics create(MetricsConfig config, boolean withShadow) {
        return new LearnerMetrics(ContinualMetrics.create(config), withShadow ? ContinualMetrics.create(config) : null);
    }

    void startTask(long step, int taskId) {
        raw.startTask(step, taskId);
        if (shadow != null) {
            shadow.startTask(step, taskId);
        }
    }

    /** Training ends with no task after it (the end of the input). */
    void endTask(long step) {
        raw.endTask(step);
        if (shadow != null) {
            shadow.endTask(step);
        }
    }

    void recordPredictions(int taskId, long correct, long examples) {
        raw.recordPredictions(taskId, correct, examples);
    }

    void record(long step, TaskScore score) {
        raw.recordEvaluation(step, score.taskId(), score.accuracy(), score.loss(), score.samples());
        if (shadow != null) {
            shadow.recordEvaluation(step, score.taskId(), score.shadowAccuracy(), Double.NaN, score.samples());
        }
    }

    /** FWT's inputs of one task, measured after the fact; the shadow weights start from the same initial model. */
    void record(TransferScores transfer) {
        raw.recordInitialAccuracy(transfer.taskId(), transfer.initialAccuracy());
        raw.recordPreTrainingAccuracy(transfer.taskId(), transfer.preTrainingAccuracy());
        if (shadow != null && !Double.isNaN(transfer.shadowPreTrainingAccuracy())) {
            shadow.recordInitialAccuracy(transfer.taskId(), transfer.initialAccuracy());
            shadow.recordPreTrainingAccuracy(transfer.taskId(), transfer.shadowPreTrainingAccuracy());
        }
    }

    MetricsReport report() {
        return raw.report();
    }

    /** The shadow weights' report, or null without them. */
    MetricsReport shadowReport() {
        return shadow == null ? null : shadow.report();
    }

    void writeTo(DataOutput out) throws IOException {
        raw.writeTo(out);
        out.writeBoolean(shadow != null);
        if (shadow != null) {
            shadow.writeTo(out);
        }
    }

    /** Reads metrics written by {@link #writeTo}, or by learner format 1 ({@code withShadowSection} false). */
    static LearnerMetrics readFrom(DataInput in, MetricsConfig config, boolean withShadowSection) throws IOException {
        ContinualMetrics raw = ContinualMetrics.readFrom(in, config);
        boolean hasShadow = withShadowSection && in.readBoolean();
        return new LearnerMetrics(raw, hasShadow ? ContinualMetrics.readFrom(in, config) : null);
    }

    /**
     * These metrics with shadow metrics when {@code wanted}: learner format 1 kept the raw metrics only, so shadow
     * metrics then start at the restore, with {@code currentTask} (null: none) training, and cover the stream from
     * there on.
     */
    LearnerMetrics withShadow(boolean wanted, MetricsConfig config, Integer currentTask) {
        if (!wanted || shadow != null) {
            return this;
        }
        ContinualMetrics fresh = ContinualMetrics.create(config);
        if (currentTask != null) {
            fresh.startTask(raw.report().step(), currentTask);
        }
        return new LearnerMetrics(raw, fresh);
    }
}
