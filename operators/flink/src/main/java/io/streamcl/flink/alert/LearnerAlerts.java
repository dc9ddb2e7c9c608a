package io.streamcl.flink.alert;

import io.streamcl.core.detect.AlertEvent;
import io.streamcl.core.detect.DivergenceAlerts;
import io.streamcl.core.detect.DivergenceAlertsConfig;
import io.streamcl.core.detect.ForgettingAlerts;
import io.streamcl.core.detect.TrendAlerts;
import io.streamcl.core.detect.TrendAlertsConfig;
import io.streamcl.schemas.AggregateMetrics;
import io.streamcl.schemas.EvaluationEvent;
import io.streamcl.schemas.TaskMetrics;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The alert state of one learner key, fed with the key's evaluation events in model-step order: the core's
 * {@link ForgettingAlerts} on each task's held-out accuracy, {@link DivergenceAlerts} on the training loss, and the
 * plasticity-loss {@link TrendAlerts} on the online accuracy reached on each new task and on the dormant-unit
 * fraction. Routing only; every rule is the core's.
 *
 * <p>The new-task value of a task is its prequential accuracy over its whole first training period, read from the
 * event that reports its end (the aggregate's {@code endedTask}); a task trained again later is not new. Memory is
 * bounded by {@link AlertConfig#maxTasks}: past it the task seen first, other than the one training, is forgotten
 * with its alert state, as the learner forgets its metrics (an alert it had open never resolves).
 */
public final class LearnerAlerts {
    /** The metric forgetting alerts watch: a task's held-out accuracy. */
    public static final String ACCURACY = "accuracy";
    /** The metric divergence alerts watch. */
    public static final String TRAIN_LOSS = "train-loss";
    static final int FORMAT_VERSION = 1;

    private static final DivergenceAlertsConfig DIVERGENCE = DivergenceAlertsConfig.defaults();
    private static final TrendAlertsConfig NEW_TASK_ACCURACY = TrendAlertsConfig.newTaskAccuracy();
    private static final TrendAlertsConfig DORMANT_FRACTION = TrendAlertsConfig.dormantFraction();

    private final AlertConfig config;
    /** In order of creation, which is the eviction order. */
    private final Map<Integer, TaskWatch> tasks = new LinkedHashMap<>();
    private final DivergenceAlerts divergence;
    private final TrendAlerts newTaskAccuracy;
    private final TrendAlerts dormantFraction;
    private long lastStep = Long.MIN_VALUE;

    /** One task's forgetting alerts, and whether its new-task accuracy went to the trend rule yet. */
    private static final class TaskWatch {
        final ForgettingAlerts forgetting;
        boolean newTaskAccuracyTaken;

        TaskWatch(ForgettingAlerts forgetting) {
            this.forgetting = forgetting;
        }
    }

    private LearnerAlerts(AlertConfig config, DivergenceAlerts divergence, TrendAlerts newTaskAccuracy,
            TrendAlerts dormantFraction) {
        this.config = config;
        this.divergence = divergence;
        this.newTaskAccuracy = newTaskAccuracy;
        this.dormantFraction = dormantFraction;
    }

    public static LearnerAlerts create(AlertConfig config) {
        return new LearnerAlerts(config, DivergenceAlerts.create(DIVERGENCE), TrendAlerts.create(NEW_TASK_ACCURACY),
                TrendAlerts.create(DORMANT_FRACTION));
    }

    /** Whether an event at model {@code step} comes after every event fed so far; a replayed one does not. */
    public boolean isNew(long step) {
        return step > lastStep;
    }

    /** Feeds one event whose step {@link #isNew}; returns the alert events it causes, in a fixed order. */
    public List<RaisedAlert> observe(EvaluationEvent event) {
        long step = event.getModelStep();
        if (!isNew(step)) {
            throw new IllegalArgumentException("model step " + step + " is not after the last one, " + lastStep);
        }
        lastStep = step;
        List<RaisedAlert> raised = new ArrayList<>();
        if (event.getTrainLoss() != null) {
            add(raised, null, TRAIN_LOSS, divergence.observe(step, event.getTrainLoss()));
        }
        for (TaskMetrics task : event.getTasks()) {
            TaskWatch watch = watch(task.getTaskId(), event.getCurrentTask());
            if (task.getAccuracy() != null) {
                add(raised, task.getTaskId(), ACCURACY, watch.forgetting.observe(step, task.getAccuracy()));
            }
        }
        AggregateMetrics aggregate = event.getAggregate();
        if (aggregate != null && aggregate.getEndedTask() != null) {
            newTaskAccuracy(event, aggregate.getEndedTask(), raised);
        }
        if (event.getPlasticity() != null && event.getPlasticity().getDormantFraction() != null) {
            add(raised, null, DORMANT_FRACTION.metric(),
                    dormantFraction.observe(step, event.getPlasticity().getDormantFraction()));
        }
        return raised;
    }

    private void newTaskAccuracy(EvaluationEvent event, int endedTask, List<RaisedAlert> raised) {
        TaskWatch watch = tasks.get(endedTask);
        if (watch == null || watch.newTaskAccuracyTaken) {
            return;
        }
        for (TaskMetrics task : event.getTasks()) {
            if (task.getTaskId() == endedTask && task.getOnlineAccuracy() != null) {
                watch.newTaskAccuracyTaken = true;
                add(raised, null, NEW_TASK_ACCURACY.metric(),
                        newTaskAccuracy.observe(event.getModelStep(), task.getOnlineAccuracy()));
            }
        }
    }

    private static void add(List<RaisedAlert> raised, Integer taskId, String metric, Optional<AlertEvent> event) {
        event.ifPresent(e -> raised.add(new RaisedAlert(taskId, metric, e)));
    }

    private TaskWatch watch(int taskId, Integer training) {
        TaskWatch watch = tasks.get(taskId);
        if (watch == null) {
            watch = new TaskWatch(ForgettingAlerts.create(config.forgetting()));
            tasks.put(taskId, watch);
            Iterator<Integer> oldestFirst = tasks.keySet().iterator();
            while (tasks.size() > config.maxTasks() && oldestFirst.hasNext()) {
                Integer id = oldestFirst.next();
                if (!id.equals(training) && id != taskId) {
                    oldestFirst.remove();
                }
            }
        }
        return watch;
    }

    public void writeTo(DataOutput out) throws IOException {
        out.writeInt(FORMAT_VERSION);
        out.writeLong(lastStep);
        divergence.writeTo(out);
        newTaskAccuracy.writeTo(out);
        dormantFraction.writeTo(out);
        out.writeInt(tasks.size());
        for (Map.Entry<Integer, TaskWatch> e : tasks.entrySet()) {
            out.writeInt(e.getKey());
            out.writeBoolean(e.getValue().newTaskAccuracyTaken);
            e.getValue().forgetting.writeTo(out);
        }
    }

    /** Reads a state written by {@link #writeTo} under {@code config}. */
    public static LearnerAlerts readFrom(DataInput in, AlertConfig config) throws IOException {
        int version = in.readInt();
        if (version != FORMAT_VERSION) {
            throw new IOException("alert state has format version " + version + ", this build reads " + FORMAT_VERSION);
        }
        long lastStep = in.readLong();
        LearnerAlerts alerts = new LearnerAlerts(config, DivergenceAlerts.readFrom(in, DIVERGENCE),
                TrendAlerts.readFrom(in, NEW_TASK_ACCURACY), TrendAlerts.readFrom(in, DORMANT_FRACTION));
        alerts.lastStep = lastStep;
        int count = in.readInt();
        for (int i = 0; i < count; i++) {
            int taskId = in.readInt();
            boolean taken = in.readBoolean();
            TaskWatch watch = new TaskWatch(ForgettingAlerts.readFrom(in, config.forgetting()));
            watch.newTaskAccuracyTaken = taken;
            alerts.tasks.put(taskId, watch);
        }
        return alerts;
    }
}
