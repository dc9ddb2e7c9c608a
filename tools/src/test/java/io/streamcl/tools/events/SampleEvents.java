package io.streamcl.tools.events;

import io.streamcl.schemas.AggregateMetrics;
import io.streamcl.schemas.EvaluationEvent;
import io.streamcl.schemas.TaskMetrics;
import io.streamcl.schemas.codec.EventCodec;
import java.time.Instant;
import java.util.List;

/** Evaluation events built for the tools' tests. */
public final class SampleEvents {
    static {
        EventCodec.trustGeneratedClasses();
    }

    private SampleEvents() {
    }

    /** The boundary evaluation at {@code step} where {@code endedTask} ended and {@code currentTask} begins. */
    public static EvaluationEvent boundary(String key, long step, int endedTask, int currentTask,
            double... accuracies) {
        EvaluationEvent event = evaluation(key, step, currentTask, accuracies);
        event.getAggregate().setEndedTask(endedTask);
        return event;
    }

    /** An evaluation at {@code step} with one accuracy per task (task i has accuracies[i]). */
    public static EvaluationEvent evaluation(String key, long step, int currentTask, double... accuracies) {
        List<TaskMetrics> tasks = new java.util.ArrayList<>();
        double sum = 0;
        for (int t = 0; t < accuracies.length; t++) {
            tasks.add(TaskMetrics.newBuilder().setTaskId(t).setSamples(300).setAccuracy(accuracies[t]).build());
            sum += accuracies[t];
        }
        return EvaluationEvent.newBuilder().setKey(key).setModelStep(step).setExamplesSeen(step * 32)
                .setEventTime(Instant.ofEpochMilli(1_700_000_000_000L + step)).setConfigHash("cafe" + key)
                .setCurrentTask(currentTask).setTrainLoss(step == 0 ? null : 1.0 / (step + 1))
                .setOnlineAccuracy(0.5)
                .setTasks(tasks)
                .setAggregate(AggregateMetrics.newBuilder().setAvgAccuracy(sum / accuracies.length).build())
                .build();
    }
}
