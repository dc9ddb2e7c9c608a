package io.streamcl.core.metrics;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The continual-evaluation metrics of one learner (De Lange et al., ICLR 2023; {@code docs/metrics.md}): fed
 * with evaluation results, task boundaries and prequential predictions, it reports per-task and aggregate
 * accuracy metrics, the accuracy-matrix row at boundaries and the stability gaps of old tasks.
 *
 * <p>Steps are the learner's model steps (updates taken) and never go back. A boundary is {@link #startTask}: the
 * task training so far ends at that step and the given one (a task id, or a drift segment id from a change
 * detector on task-free streams) starts. A task may start again later (recurring tasks); it keeps its record, and
 * its minimum restarts with each new training period (see {@code TaskRecord}).
 *
 * <p>Each evaluation carries its sample count; one on fewer than {@link MetricsConfig#minSamples} samples is
 * reported but does not enter min-ACC, WC-ACC, WF/WP, the stability gaps or FWT's inputs.
 *
 * <p>FWT needs, per task j that started after another, b_j (the initial model's accuracy on j) and R_{j-1,j} (the
 * accuracy on j of the model as it was when j's training started). On a stream, j's held-out set usually has too
 * few samples at that step, so a caller that keeps the two models gives both later: {@link #recordInitialAccuracy}
 * and {@link #recordPreTrainingAccuracy}.
 *
 * <p>Memory is bounded: per task O(1) numbers plus the WF/WP windows (at most 10 + 100 entries each for WF and
 * WP), and at most {@link MetricsConfig#maxTasks} tasks. Beyond that the task first recorded (other than the
 * current one) is dropped with all its figures, so aggregates then cover the newest tasks only. Not mergeable:
 * every metric here except the online tallies depends on the order of one evaluation sequence.
 */
public final class ContinualMetrics {
    /**
     * Version of the binary form written by {@link #writeTo}; 2 added sample counts (each task's newest counted
     * evaluation, each gap's pre-boundary samples). Version 1 is still read.
     */
    public static final int FORMAT_VERSION = 2;

    private final MetricsConfig config;
    /** In order of creation, which is the eviction order. */
    private final Map<Integer, TaskRecord> tasks = new LinkedHashMap<>();
    private long step;
    private int starts;
    private int lastStarted;
    private boolean training;
    private long boundaryStep = -1;
    private int endedTask;

    private ContinualMetrics(MetricsConfig config) {
        this.config = config;
    }

    public static ContinualMetrics create(MetricsConfig config) {
        if (config == null) {
            throw new IllegalArgumentException("config must be set, e.g. MetricsConfig.defaults()");
        }
        return new ContinualMetrics(config);
    }

    public MetricsConfig config() {
        return config;
    }

    /** Task {@code taskId} starts training at model {@code step}; the task training until now ends there. */
    public void startTask(long step, int taskId) {
        checkStep(step);
        if (training && lastStarted == taskId) {
            throw new IllegalArgumentException("task " + taskId + " is already training");
        }
        this.step = step;
        TaskRecord next = recordFor(taskId);
        if (training) {
            finishTraining(step);
        }
        for (TaskRecord task : tasks.values()) {
            if (task != next && task.started()) {
                task.openGap(step);
            }
        }
        boolean firstStart = !next.started();
        next.start(step, starts, starts > 0);
        if (firstStart) {
            starts++;
        }
        lastStarted = taskId;
        training = true;
    }

    /** Training on the current task ends at model {@code step} with no task after it (e.g. the end of the stream). */
    public void endTask(long step) {
        checkStep(step);
        if (!training) {
            throw new IllegalStateException("endTask at step " + step + ": no task is training");
        }
        this.step = step;
        finishTraining(step);
        for (TaskRecord task : tasks.values()) {
            task.closeGap(step);
        }
    }

    /**
     * The model at {@code step} scored {@code accuracy} (in [0, 1]) and mean {@code loss} (NaN if not computed) on
     * {@code samples} of task {@code taskId}'s evaluation set. A task not started yet may be evaluated too (for b_j
     * and FWT).
     */
    public void recordEvaluation(long step, int taskId, double accuracy, double loss, int samples) {
        checkStep(step);
        checkAccuracy(accuracy);
        if (samples < 1) {
            throw new IllegalArgumentException("an evaluation needs at least 1 sample, got " + samples);
        }
        this.step = step;
        TaskRecord task = recordFor(taskId);
        task.observe(step, accuracy, loss, samples, config);
        if (step == boundaryStep && task.column.inRow) {
            task.column.current = accuracy;
        }
    }

    /** b_j, the initial model's accuracy on task {@code taskId}, when it is not evaluated at model step 0. */
    public void recordInitialAccuracy(int taskId, double accuracy) {
        checkAccuracy(accuracy);
        recordFor(taskId).column.initial = accuracy;
    }

    /**
     * R_{j-1,j} for task {@code taskId} = j, measured after the fact on the model as it was when j's training first
     * started; replaces an evaluation at that step. Ignored for a task not started or started first.
     */
    public void recordPreTrainingAccuracy(int taskId, double accuracy) {
        checkAccuracy(accuracy);
        TaskRecord task = tasks.get(taskId);
        if (task != null) {
            task.recordPreTraining(accuracy);
        }
    }

    /** {@code correct} of {@code examples} training examples of task {@code taskId}, predicted before learning them. */
    public void recordPredictions(int taskId, long correct, long examples) {
        recordFor(taskId).online().add(correct, examples);
    }

    public MetricsReport report() {
        List<TaskRecord> started = new ArrayList<>();
        for (TaskRecord task : tasks.values()) {
            if (task.started()) {
                started.add(task);
            }
        }
        started.sort(Comparator.comparingInt(TaskRecord::startOrder));
        List<TaskReport> taskReports = new ArrayList<>(started.size());
        List<TaskRecord> row = new ArrayList<>();
        List<GapReport> gaps = new ArrayList<>();
        for (TaskRecord task : started) {
            taskReports.add(task.report());
            if (task.column.inRow) {
                row.add(task);
            }
            if (task.gap() != null && task.gap().hasPreBoundaryAccuracy()) {
                gaps.add(task.gap().report(task.taskId));
            }
        }
        Integer current = starts > 0 ? Integer.valueOf(lastStarted) : null;
        return new MetricsReport(step, training ? current : null, taskReports,
                AggregateReport.over(taskReports, current),
                boundaryStep < 0 ? null : TransferMetrics.at(boundaryStep, endedTask, row), gaps);
    }

    /** Takes the row R_{k,.} of the task k ending at {@code step}; the previous row becomes an earlier row. */
    private void finishTraining(long step) {
        for (TaskRecord task : tasks.values()) {
            task.column.retireRow(boundaryStep >= 0 && task.taskId == endedTask);
        }
        for (TaskRecord task : tasks.values()) {
            if (task.started()) {
                task.column.joinRow(task.accuracy());
            }
        }
        tasks.get(lastStarted).end(step);
        boundaryStep = step;
        endedTask = lastStarted;
        training = false;
    }

    private TaskRecord recordFor(int taskId) {
        TaskRecord task = tasks.get(taskId);
        if (task == null) {
            task = new TaskRecord(taskId, config.lcaBeta());
            tasks.put(taskId, task);
            evictBeyond(config.maxTasks());
        }
        return task;
    }

    private void evictBeyond(int limit) {
        Iterator<TaskRecord> oldestFirst = tasks.values().iterator();
        while (tasks.size() > limit && oldestFirst.hasNext()) {
            if (oldestFirst.next().taskId != lastStarted || starts == 0) {
                oldestFirst.remove();
            }
        }
    }

    private void checkStep(long newStep) {
        if (newStep < step) {
            throw new IllegalArgumentException("step " + newStep + " is before the newest step " + step
                    + ": model steps never go back");
        }
    }

    private static void checkAccuracy(double accuracy) {
        if (!(accuracy >= 0 && accuracy <= 1)) {
            throw new IllegalArgumentException("accuracy must be in [0, 1], got " + accuracy);
        }
    }

    public void writeTo(DataOutput out) throws IOException {
        out.writeInt(FORMAT_VERSION);
        out.writeInt(config.lcaBeta());
        out.writeLong(step);
        out.writeInt(starts);
        out.writeInt(lastStarted);
        out.writeBoolean(training);
        out.writeLong(boundaryStep);
        out.writeInt(endedTask);
        out.writeInt(tasks.size());
        for (TaskRecord task : tasks.values()) {
            task.writeTo(out);
        }
    }

    /**
     * Reads metrics written by {@link #writeTo} in this format version or version 1; rejects others and a different
     * LCA beta. A smaller {@code maxTasks} than when written drops the oldest tasks; a new recovery tolerance and
     * sample minimum apply from now on.
     */
    public static ContinualMetrics readFrom(DataInput in, MetricsConfig config) throws IOException {
        ContinualMetrics metrics = create(config);
        int version = in.readInt();
        if (version < 1 || version > FORMAT_VERSION) {
            throw new IOException("continual metrics have format version " + version + ", this build reads 1 to "
                    + FORMAT_VERSION);
        }
        int beta = in.readInt();
        if (beta != config.lcaBeta()) {
            throw new IOException("continual metrics were written with lcaBeta " + beta + ", the config has "
                    + config.lcaBeta() + ": LCA sums cannot be converted");
        }
        metrics.step = in.readLong();
        metrics.starts = in.readInt();
        metrics.lastStarted = in.readInt();
        metrics.training = in.readBoolean();
        metrics.boundaryStep = in.readLong();
        metrics.endedTask = in.readInt();
        for (int n = in.readInt(); n > 0; n--) {
            TaskRecord task = TaskRecord.readFrom(in, beta, version);
            metrics.tasks.put(task.taskId, task);
        }
        metrics.evictBeyond(config.maxTasks());
        return metrics;
    }
}
