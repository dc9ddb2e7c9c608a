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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The alert state of one learner key and configuration, fed with its evaluation events in order: the core's
 * {@link ForgettingAlerts} on each task's held-out accuracy, {@link DivergenceAlerts} on the training loss, and the
 * plasticity-loss {@link TrendAlerts} on the online accuracy reached on each new task and on the dormant-unit
 * fraction. Routing only; every rule is the core's.
 *
 * <p>The new-task value of a task is its prequential accuracy over its whole first training period, read from the
 * event that reports its end (the aggregate's {@code endedTask}); a task trained again later is not new. Memory is
 * bounded by {@link AlertConfig#maxTasks}: past it the task seen first, other than the one training, is forgotten
 * with its alert state, as the learner forgets its metrics (an alert it had open never resolves).
 *
 * <p>Order is the event's {@code evaluationSeq} when the producer fills it (so a boundary evaluation that shares
 * its model step with a periodic one is fed too), else its model step. An event that goes back in either (a model
 * restarted from scratch, e.g. a stateless redeploy, or from an older savepoint) is a new run: {@link #position}
 * says so and the caller starts from {@link #nextRun()}, a fresh state whose alert ids differ from the old run's.
 * An event of another configuration hash supersedes this state the same way ({@link #nextConfiguration()}). Either
 * way the caller first {@link #close}s the old run's open alerts, which would otherwise never resolve. An event at
 * the same position as the last one is a duplicate and skipped.
 */
public final class LearnerAlerts {
    /** The metric forgetting alerts watch: a task's held-out accuracy. */
    public static final String ACCURACY = "accuracy";
    /** The metric divergence alerts watch. */
    public static final String TRAIN_LOSS = "train-loss";
    static final int FORMAT_VERSION = 3;

    /** Where an event falls relative to the ones fed so far. */
    public enum Position {
        /** After every event fed: feed it. */
        NEW,
        /** At the position of the last one: a duplicate, skip it. */
        DUPLICATE,
        /** Before the last one: the model restarted, start a new run. */
        RESTART,
        /** Of another configuration than the events fed so far: start afresh for it. */
        NEW_CONFIGURATION
    }

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
    private long lastSeq;
    /** Runs of this key and configuration before this one; part of alert ids, so a new run never reuses one. */
    private int run;
    /** Configuration of the events fed so far; null before the first (and in states of format 1 and 2). */
    private String configHash;
    private String configName;
    private Instant lastEventTime = Instant.EPOCH;

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

    /** Where {@code event} falls: evaluation sequence first (0 = not filled), model step otherwise. */
    public Position position(EvaluationEvent event) {
        if (configHash != null && !configHash.equals(event.getConfigHash())) {
            return Position.NEW_CONFIGURATION;
        }
        long seq = event.getEvaluationSeq();
        long step = event.getModelStep();
        if (step < lastStep || (seq > 0 && seq < lastSeq)) {
            return Position.RESTART;
        }
        boolean same = seq > 0 && lastSeq > 0 ? seq == lastSeq : step == lastStep;
        return same ? Position.DUPLICATE : Position.NEW;
    }

    /** A fresh state for the next run of this key and configuration. */
    public LearnerAlerts nextRun() {
        LearnerAlerts next = create(config);
        next.run = run + 1;
        return next;
    }

    /** A fresh state for a new configuration of this key. */
    public LearnerAlerts nextConfiguration() {
        return create(config);
    }

    /**
     * Ends every open alert of this state without a recovery, because {@code reason}; the events are dated at the
     * last evaluation fed.
     */
    public List<RaisedAlert> close(String reason) {
        List<RaisedAlert> closed = new ArrayList<>();
        add(closed, null, TRAIN_LOSS, divergence.close(lastStep, reason));
        tasks.forEach((taskId, watch) -> add(closed, taskId, ACCURACY, watch.forgetting.close(lastStep, reason)));
        add(closed, null, NEW_TASK_ACCURACY.metric(), newTaskAccuracy.close(lastStep, reason));
        add(closed, null, DORMANT_FRACTION.metric(), dormantFraction.close(lastStep, reason));
        return closed;
    }

    /** The last evaluation fed, as the source of the records of alerts {@link #close}d after it. */
    public AlertSource lastSource(String key) {
        return new AlertSource(key, configHash == null ? "" : configHash, configName, lastSeq, lastEventTime);
    }

    /** The runs before this one (restarts seen under this key and configuration). */
    public int run() {
        return run;
    }

    /** Whether any forgetting alert of this key is open. */
    public int openForgettingAlerts() {
        return (int) tasks.values().stream().filter(w -> w.forgetting.isOpen()).count();
    }

    /** Feeds one event whose {@link #position} is NEW; returns the alert events it causes, in a fixed order. */
    public List<RaisedAlert> observe(EvaluationEvent event) {
        long step = event.getModelStep();
        if (position(event) != Position.NEW) {
            throw new IllegalArgumentException("evaluation " + event.getEvaluationSeq() + " at model step " + step
                    + " is not after the last one, " + lastSeq + " at " + lastStep);
        }
        lastStep = step;
        lastSeq = event.getEvaluationSeq();
        configHash = event.getConfigHash();
        configName = event.getConfigName();
        lastEventTime = event.getEventTime();
        List<RaisedAlert> raised = new ArrayList<>();
        if (event.getTrainLoss() != null) {
            add(raised, null, TRAIN_LOSS, divergence.observe(step, event.getTrainLoss()));
        }
        for (TaskMetrics task : event.getTasks()) {
            TaskWatch watch = watch(task.getTaskId(), event.getCurrentTask());
            if (task.getAccuracy() != null) {
                add(raised, task.getTaskId(), ACCURACY,
                        watch.forgetting.observe(step, task.getAccuracy(), task.getSamples()));
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

    private void add(List<RaisedAlert> raised, Integer taskId, String metric, Optional<AlertEvent> event) {
        event.ifPresent(e -> raised.add(new RaisedAlert(taskId, metric, e, run)));
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
        out.writeLong(lastSeq);
        out.writeInt(run);
        out.writeBoolean(configHash != null);
        if (configHash != null) {
            out.writeUTF(configHash);
        }
        out.writeBoolean(configName != null);
        if (configName != null) {
            out.writeUTF(configName);
        }
        out.writeLong(lastEventTime.toEpochMilli());
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
        if (version < 1 || version > FORMAT_VERSION) {
            throw new IOException("alert state has format version " + version + ", this build reads 1 to "
                    + FORMAT_VERSION);
        }
        long lastStep = in.readLong();
        long lastSeq = version == 1 ? 0 : in.readLong();
        int run = version == 1 ? 0 : in.readInt();
        String configHash = version >= 3 && in.readBoolean() ? in.readUTF() : null;
        String configName = version >= 3 && in.readBoolean() ? in.readUTF() : null;
        Instant lastEventTime = version >= 3 ? Instant.ofEpochMilli(in.readLong()) : Instant.EPOCH;
        LearnerAlerts alerts = new LearnerAlerts(config, DivergenceAlerts.readFrom(in, DIVERGENCE),
                TrendAlerts.readFrom(in, NEW_TASK_ACCURACY), TrendAlerts.readFrom(in, DORMANT_FRACTION));
        alerts.lastStep = lastStep;
        alerts.lastSeq = lastSeq;
        alerts.run = run;
        alerts.configHash = configHash;
        alerts.configName = configName;
        alerts.lastEventTime = lastEventTime;
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
