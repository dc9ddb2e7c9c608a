package io.streamcl.flink.learner;

import static io.streamcl.flink.metrics.ExportedMetrics.AVG_ACCURACY;
import static io.streamcl.flink.metrics.ExportedMetrics.EXAMPLES_PER_SECOND;
import static io.streamcl.flink.metrics.ExportedMetrics.EXAMPLES_SEEN;
import static io.streamcl.flink.metrics.ExportedMetrics.HELD_OUT_ACCURACY;
import static io.streamcl.flink.metrics.ExportedMetrics.MIN_ACCURACY;
import static io.streamcl.flink.metrics.ExportedMetrics.MODEL_STEP;
import static io.streamcl.flink.metrics.ExportedMetrics.ONLINE_ACCURACY;
import static io.streamcl.flink.metrics.ExportedMetrics.WORST_CASE_ACCURACY;

import io.streamcl.flink.metrics.KeyGauges;
import io.streamcl.schemas.AggregateMetrics;
import io.streamcl.schemas.EvaluationEvent;
import io.streamcl.schemas.TaskMetrics;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.metrics.MetricGroup;

/**
 * The learner's gauges per learner key ({@link KeyGauges}), updated from each evaluation event it emits: held-out
 * accuracy per task, avg-ACC, min-ACC, WC-ACC, online accuracy, model step, examples seen and training throughput
 * in examples per second (wall clock between two evaluations of the key). Unknown values read NaN.
 */
final class LearnerMetrics {
    private final KeyGauges gauges;
    private final Map<String, long[]> lastExamplesAndNanos = new HashMap<>();

    LearnerMetrics(MetricGroup operator) {
        this.gauges = new KeyGauges(operator);
    }

    void update(EvaluationEvent event) {
        String key = event.getKey();
        for (TaskMetrics task : event.getTasks()) {
            gauges.set(key, task.getTaskId(), HELD_OUT_ACCURACY, orNaN(task.getAccuracy()));
        }
        AggregateMetrics aggregate = event.getAggregate();
        gauges.set(key, AVG_ACCURACY, aggregate == null ? Double.NaN : orNaN(aggregate.getAvgAccuracy()));
        gauges.set(key, MIN_ACCURACY, aggregate == null ? Double.NaN : orNaN(aggregate.getMinAccuracy()));
        gauges.set(key, WORST_CASE_ACCURACY,
                aggregate == null ? Double.NaN : orNaN(aggregate.getWorstCaseAccuracy()));
        gauges.set(key, ONLINE_ACCURACY, orNaN(event.getOnlineAccuracy()));
        gauges.set(key, MODEL_STEP, event.getModelStep());
        gauges.set(key, EXAMPLES_SEEN, event.getExamplesSeen());
        long now = System.nanoTime();
        long[] last = lastExamplesAndNanos.put(key, new long[] {event.getExamplesSeen(), now});
        if (last != null && now > last[1]) {
            gauges.set(key, EXAMPLES_PER_SECOND, (event.getExamplesSeen() - last[0]) * 1e9 / (now - last[1]));
        }
    }

    private static double orNaN(Double value) {
        return value == null ? Double.NaN : value;
    }
}
