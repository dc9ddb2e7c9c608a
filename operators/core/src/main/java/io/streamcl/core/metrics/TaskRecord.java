package io.streamcl.core.metrics;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * All that {@link ContinualMetrics} keeps about one task (or drift segment): bounded, O(w) for the windows.
 *
 * <p>Evaluations before the task first starts training only give its newest accuracy and b_j (at model step 0).
 * From the start on, every evaluation feeds WF/WP (De Lange et al. evaluate seen tasks only); LCA
 * takes those of the first training period, its start and end steps included; the minimum takes those strictly after
 * the task's latest training period ended. These rules look at steps only, so at a boundary step evaluations may
 * come before or after the boundary call: either way they see the same model and count the same.
 *
 * <p>An evaluation on fewer than {@link MetricsConfig#minSamples} samples only updates the newest accuracy, the
 * evaluation count and LCA: it feeds neither WF/WP, the minimum, the stability gap nor b_j and R_{j-1,j}, and the
 * gap's pre-boundary accuracy is the newest evaluation that counted.
 *
 * <p>Recurring tasks: when the task starts training again its minimum restarts, so min-ACC measures the worst
 * accuracy since the task was last learned (De Lange et al.'s min over |T_i| &lt; n &lt;= t, with |T_i| the end of
 * its latest training period). The dips of earlier periods stay visible in WF and in their stability gaps.
 */
final class TaskRecord {
    static final int SHORT_WINDOW = 10;
    static final int LONG_WINDOW = 100;

    final int taskId;
    final MatrixColumn column;
    private int startOrder = -1;
    private long firstStartStep = -1;
    private boolean training;
    private long endStep = -1;
    private long firstEndStep = -1;
    private long evaluations;
    private long lastStep = -1;
    private double accuracy = Double.NaN;
    private double loss = Double.NaN;
    private long countedStep = -1;
    private double countedAccuracy = Double.NaN;
    private int countedSamples;
    private double minimum = Double.NaN;
    private final WindowedChange forgetting10;
    private final WindowedChange forgetting100;
    private final WindowedChange plasticity10;
    private final WindowedChange plasticity100;
    private final LearningCurveArea learningCurve;
    private final AccuracyTally online;
    private StabilityGap gap;

    TaskRecord(int taskId, int lcaBeta) {
        this(taskId, new MatrixColumn(), WindowedChange.forgetting(SHORT_WINDOW),
                WindowedChange.forgetting(LONG_WINDOW), WindowedChange.plasticity(SHORT_WINDOW),
                WindowedChange.plasticity(LONG_WINDOW), new LearningCurveArea(lcaBeta), new AccuracyTally());
    }

    private TaskRecord(int taskId, MatrixColumn column, WindowedChange forgetting10, WindowedChange forgetting100,
            WindowedChange plasticity10, WindowedChange plasticity100, LearningCurveArea learningCurve,
            AccuracyTally online) {
        this.taskId = taskId;
        this.column = column;
        this.forgetting10 = forgetting10;
        this.forgetting100 = forgetting100;
        this.plasticity10 = plasticity10;
        this.plasticity100 = plasticity100;
        this.learningCurve = learningCurve;
        this.online = online;
    }

    boolean started() {
        return startOrder >= 0;
    }

    int startOrder() {
        return startOrder;
    }

    double accuracy() {
        return accuracy;
    }

    StabilityGap gap() {
        return gap;
    }

    AccuracyTally online() {
        return online;
    }

    /**
     * Training starts (or restarts) at {@code step}; {@code order} ranks first starts and {@code afterAnother} says
     * another task started before (FWT's j &gt;= 2).
     */
    void start(long step, int order, boolean afterAnother) {
        training = true;
        closeGap(step);
        if (started()) {
            minimum = Double.NaN;
            return;
        }
        startOrder = order;
        firstStartStep = step;
        column.startedAfterAnother = afterAnother;
        if (lastStep == step) {
            learningCurve.add(accuracy);
        }
        if (countedStep == step) {
            column.beforeTraining = afterAnother ? countedAccuracy : Double.NaN;
            feedWindows(countedAccuracy);
        }
    }

    void end(long step) {
        training = false;
        endStep = step;
        if (firstEndStep < 0) {
            firstEndStep = step;
        }
    }

    void observe(long step, double newAccuracy, double newLoss, int samples, MetricsConfig config) {
        evaluations++;
        lastStep = step;
        accuracy = newAccuracy;
        loss = newLoss;
        boolean counts = config.counts(samples);
        if (counts) {
            countedStep = step;
            countedAccuracy = newAccuracy;
            countedSamples = samples;
        }
        if (step == 0 && counts) {
            column.initial = newAccuracy;
        }
        if (!started()) {
            return;
        }
        if (firstEndStep < 0 || step <= firstEndStep) {
            learningCurve.add(newAccuracy);
        }
        if (!counts) {
            return;
        }
        if (step == firstStartStep && column.startedAfterAnother) {
            column.beforeTraining = newAccuracy;
        }
        feedWindows(newAccuracy);
        if (!training && endStep >= 0 && step > endStep) {
            minimum = Double.isNaN(minimum) ? newAccuracy : Math.min(minimum, newAccuracy);
        }
        if (gap != null && gap.isOpen() && step > gap.boundaryStep() && !gap.hasPreBoundaryAccuracy()) {
            gap = null; // never evaluated up to the boundary: this dip cannot be measured
        }
        if (gap != null) {
            gap.observe(step, newAccuracy, samples, config.recovery());
        }
    }

    /**
     * R_{j-1,j} measured late, on the model as it was when this task first started (its held-out set had too few
     * samples then); ignored unless the task's first training began after another task's.
     */
    void recordPreTraining(double value) {
        if (started() && column.startedAfterAnother) {
            column.beforeTraining = value;
        }
    }

    private void feedWindows(double value) {
        forgetting10.add(value);
        forgetting100.add(value);
        plasticity10.add(value);
        plasticity100.add(value);
    }

    /** Opens this task's gap for a boundary at {@code step}; a previous gap is final and is replaced. */
    void openGap(long step) {
        gap = new StabilityGap(step, countedAccuracy, countedSamples);
    }

    void closeGap(long step) {
        if (gap != null) {
            gap.close(step);
        }
    }

    TaskReport report() {
        return new TaskReport(taskId, training, evaluations, Known.orNull(lastStep), Known.orNull(accuracy),
                Known.orNull(countedAccuracy), Known.orNull(loss), Known.orNull(online.accuracy()), online.examples(),
                Known.orNull(minimum),
                Known.orNull(forgetting10.value()), Known.orNull(forgetting100.value()),
                Known.orNull(plasticity10.value()), Known.orNull(plasticity100.value()),
                Known.orNull(learningCurve.value()));
    }

    void writeTo(DataOutput out) throws IOException {
        out.writeInt(taskId);
        out.writeInt(startOrder);
        out.writeLong(firstStartStep);
        out.writeBoolean(training);
        out.writeLong(endStep);
        out.writeLong(firstEndStep);
        out.writeLong(evaluations);
        out.writeLong(lastStep);
        out.writeDouble(accuracy);
        out.writeDouble(loss);
        out.writeDouble(minimum);
        out.writeLong(countedStep);
        out.writeDouble(countedAccuracy);
        out.writeInt(countedSamples);
        column.writeTo(out);
        forgetting10.writeTo(out);
        forgetting100.writeTo(out);
        plasticity10.writeTo(out);
        plasticity100.writeTo(out);
        learningCurve.writeTo(out);
        online.writeTo(out);
        out.writeBoolean(gap != null);
        if (gap != null) {
            gap.writeTo(out);
        }
    }

    /**
     * Reads a record written by {@link #writeTo} in metrics format {@code version}; version 1 counted every
     * evaluation, so its newest accuracy is its counted one (sample count unknown).
     */
    static TaskRecord readFrom(DataInput in, int lcaBeta, int version) throws IOException {
        int taskId = in.readInt();
        int startOrder = in.readInt();
        long firstStartStep = in.readLong();
        boolean training = in.readBoolean();
        long endStep = in.readLong();
        long firstEndStep = in.readLong();
        long evaluations = in.readLong();
        long lastStep = in.readLong();
        double accuracy = in.readDouble();
        double loss = in.readDouble();
        double minimum = in.readDouble();
        boolean counted = version >= 2;
        long countedStep = counted ? in.readLong() : lastStep;
        double countedAccuracy = counted ? in.readDouble() : accuracy;
        int countedSamples = counted ? in.readInt() : 0;
        TaskRecord task = new TaskRecord(taskId, MatrixColumn.readFrom(in),
                WindowedChange.readFrom(in, SHORT_WINDOW, false), WindowedChange.readFrom(in, LONG_WINDOW, false),
                WindowedChange.readFrom(in, SHORT_WINDOW, true), WindowedChange.readFrom(in, LONG_WINDOW, true),
                LearningCurveArea.readFrom(in, lcaBeta), AccuracyTally.readFrom(in));
        task.startOrder = startOrder;
        task.firstStartStep = firstStartStep;
        task.training = training;
        task.endStep = endStep;
        task.firstEndStep = firstEndStep;
        task.evaluations = evaluations;
        task.lastStep = lastStep;
        task.accuracy = accuracy;
        task.loss = loss;
        task.minimum = minimum;
        task.countedStep = countedStep;
        task.countedAccuracy = countedAccuracy;
        task.countedSamples = countedSamples;
        task.gap = in.readBoolean() ? StabilityGap.readFrom(in, version) : null;
        return task;
    }
}
