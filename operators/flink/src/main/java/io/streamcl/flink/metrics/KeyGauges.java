package io.streamcl.flink.metrics;

import java.util.HashMap;
import java.util.Map;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;

/**
 * Gauges in one metric group per learner key ({@code <operator>.learner.<key>}; a {@code learner} label in
 * Prometheus), so that a subtask hosting several keys reports each of them instead of whichever emitted last. A
 * gauge is registered the first time its key sets it and keeps the last value set; metric groups live as long as
 * the operator, so memory grows with the keys a subtask has seen (a fleet's keys, not one per event).
 */
public final class KeyGauges {
    /** The metric-group key under which each learner key's group is registered. */
    public static final String LEARNER = "learner";

    private final MetricGroup operator;
    private final Map<String, Map<String, double[]>> values = new HashMap<>();
    private final Map<String, MetricGroup> groups = new HashMap<>();

    public KeyGauges(MetricGroup operator) {
        this.operator = operator;
    }

    /** Sets gauge {@code name} of {@code key} to {@code value} (NaN: unknown), registering it on first use. */
    public void set(String key, String name, double value) {
        set(key, null, name, value);
    }

    /** As {@link #set(String, String, double)}, for a gauge of one task: label {@code task} in Prometheus. */
    public void set(String key, Integer task, String name, double value) {
        String id = task == null ? name : task + "/" + name;
        double[] holder = values.computeIfAbsent(key, k -> new HashMap<>()).get(id);
        if (holder == null) {
            double[] created = {value};
            MetricGroup group = groups.computeIfAbsent(key, k -> operator.addGroup(LEARNER, k));
            (task == null ? group : group.addGroup("task", task.toString()))
                    .gauge(name, (Gauge<Double>) () -> created[0]);
            values.get(key).put(id, created);
            return;
        }
        holder[0] = value;
    }
}
