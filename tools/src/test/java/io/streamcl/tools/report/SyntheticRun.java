package io.streamcl.tools.report;

import io.streamcl.schemas.AlertKind;
import io.streamcl.schemas.AlertState;
import io.streamcl.schemas.EvaluationEvent;
import io.streamcl.schemas.ForgettingAlert;
import io.streamcl.schemas.PlasticityDiagnostics;
import io.streamcl.schemas.Severity;
import io.streamcl.schemas.StabilityGap;
import io.streamcl.schemas.TaskMetrics;
import io.streamcl.tools.events.SampleEvents;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A learner's evaluations as the training job would emit them, made up for the report tests: tasks of 200 steps
 * evaluated every step, each new task learned along an exponential curve, old tasks dipping after each boundary
 * (depth {@code gapDepth}) and recovering, EMA accuracies with a shallower dip, plasticity diagnostics every 50 steps.
 */
final class SyntheticRun {
    static final int STEPS_PER_TASK = 200;

    private SyntheticRun() {
    }

    static List<EvaluationEvent> evaluations(String key, int tasks, double gapDepth) {
        SampleEvents.evaluation(key, 0, 0, 0.0); // trusts the generated classes
        List<EvaluationEvent> events = new ArrayList<>();
        for (int step = 0; step <= tasks * STEPS_PER_TASK; step++) {
            int current = Math.min(step / STEPS_PER_TASK, tasks - 1);
            boolean boundary = step > 0 && step % STEPS_PER_TASK == 0 && step < tasks * STEPS_PER_TASK;
            List<TaskMetrics> scores = new ArrayList<>();
            for (int task = 0; task <= current; task++) {
                double raw = accuracy(step, task, gapDepth);
                double ema = accuracy(step, task, gapDepth / 4);
                scores.add(TaskMetrics.newBuilder().setTaskId(task).setSamples(300).setAccuracy(raw)
                        .setEmaAccuracy(ema).build());
            }
            EvaluationEvent.Builder event = EvaluationEvent.newBuilder().setKey(key).setModelStep(step)
                    .setExamplesSeen(step * 32L).setEventTime(Instant.ofEpochSecond(step)).setConfigHash("hash-" + key)
                    .setCurrentTask(current).setTrainLoss(step == 0 ? null : 2.0 / (1 + step % STEPS_PER_TASK))
                    .setOnlineAccuracy(step == 0 ? null : accuracy(step, current, 0) - 0.05).setTasks(scores)
                    .setAggregate(io.streamcl.schemas.AggregateMetrics.newBuilder()
                            .setEndedTask(boundary ? current - 1 : null)
                            .setWindowedForgetting10(gapDepth / 2).setWindowedPlasticity10(0.2).build());
            if (step % 50 == 0) {
                event.setPlasticity(PlasticityDiagnostics.newBuilder().setDormantFraction(0.01 * step / STEPS_PER_TASK)
                        .setEffectiveRank(200.0 - step / 10.0).setWeightMagnitude(0.05 + step * 1e-5)
                        .setGradientNorm(1.0 / (1 + step % STEPS_PER_TASK)).build());
            }
            if (current > 0 && step % STEPS_PER_TASK == 60) {
                event.setStabilityGaps(List.of(StabilityGap.newBuilder().setTaskId(current - 1)
                        .setBoundaryStep((long) current * STEPS_PER_TASK).setPreBoundaryAccuracy(0.9)
                        .setDepth(gapDepth).setStepsToMinimum(8L).setStepsToRecover(40L).setClosed(true).build()));
            }
            events.add(event.build());
        }
        return events;
    }

    /** Accuracy on {@code task} at {@code step}: learned while current, a dip of {@code depth} after each later boundary. */
    static double accuracy(int step, int task, double depth) {
        int start = task * STEPS_PER_TASK;
        if (step < start) {
            return 0.1;
        }
        double learned = 0.1 + 0.8 * (1 - Math.exp(-(step - start) / 30.0));
        if (step < start + STEPS_PER_TASK) {
            return learned;
        }
        int since = (step - start) % STEPS_PER_TASK;
        double dip = depth * (since / 8.0) * Math.exp(1 - since / 8.0);
        return Math.max(0, 0.9 - dip);
    }

    static List<ForgettingAlert> alerts(String key) {
        ForgettingAlert.Builder alert = ForgettingAlert.newBuilder().setAlertId(key + "/0/210").setKey(key).setTaskId(0)
                .setConfigHash("hash-" + key).setEventTime(Instant.EPOCH).setKind(AlertKind.FORGETTING_SPIKE)
                .setDetector("ewma-drop").setMetric("accuracy").setOnsetStep(205).setBaseline(0.9);
        return List.of(alert.setModelStep(210).setState(AlertState.OPENED).setSeverity(Severity.CRITICAL)
                        .setCurrent(0.5).setDepth(0.4).build(),
                ForgettingAlert.newBuilder(alert.build()).setModelStep(250).setState(AlertState.RESOLVED)
                        .setSeverity(Severity.CRITICAL).setRecoveryStep(250L).build());
    }
}
