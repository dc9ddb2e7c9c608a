package io.streamcl.flink.alert;

import io.streamcl.schemas.AggregateMetrics;
import io.streamcl.schemas.EvaluationEvent;
import io.streamcl.schemas.TaskMetrics;
import io.streamcl.schemas.codec.EventCodec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Crafted evaluation events of key {@code k}, one every 10 model steps. */
final class Evaluations {
    static {
        EventCodec.trustGeneratedClasses();
    }

    private Evaluations() {}

    /** Evaluation {@code i} (its sequence number), at step {@code 10 * i} while task 1 trains, with held-out accuracies per task. */
    static EvaluationEvent at(int i, double trainLoss, Map<Integer, Double> accuracies) {
        List<TaskMetrics> tasks = new ArrayList<>();
        accuracies.forEach((task, accuracy) -> tasks.add(TaskMetrics.newBuilder().setTaskId(task)
                .setAccuracy(accuracy).build()));
        return EvaluationEvent.newBuilder().setKey("k").setEvaluationSeq(i).setModelStep(10L * i).setExamplesSeen(160L * i)
                .setEventTime(Instant.ofEpochMilli(1_000_000L + i)).setConfigHash("cafe").setCurrentTask(1)
                .setTrainLoss(trainLoss).setTasks(tasks).setAggregate(AggregateMetrics.newBuilder().build()).build();
    }

    /**
     * One stability-gap-like dip on task 0 while task 1 stays flat: 40 evaluations at 0.9, five at 0.7 (steps 410
     * to 450), then 0.9 again until evaluation 60.
     */
    static List<EvaluationEvent> oneDip() {
        List<EvaluationEvent> events = new ArrayList<>();
        for (int i = 1; i <= 60; i++) {
            events.add(at(i, 0.5, Map.of(0, i >= 41 && i <= 45 ? 0.7 : 0.9, 1, 0.8)));
        }
        return events;
    }
}
