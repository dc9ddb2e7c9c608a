package io.streamcl.flink.alert;

import io.streamcl.core.detect.AlertEvent;

/**
 * An alert event of the core with what it is about, as the Avro {@code ForgettingAlert} needs it.
 *
 * @param taskId the task whose accuracy the rule watches; null for learner-wide rules
 * @param metric the metric {@code event}'s values are in, e.g. {@code accuracy} or {@code train-loss}
 * @param run runs of the learner key and configuration before the one that raised it (restarted models)
 */
public record RaisedAlert(Integer taskId, String metric, AlertEvent event, int run) {

    /**
     * What alert ids are unique within: the learner key, its configuration hash and, after a restart, the run, so
     * that the same dip in a new configuration or a restarted model never reuses an id of an earlier run.
     */
    public String idScope(String key, String configHash) {
        return key + "@" + configHash + (run == 0 ? "" : "#" + run);
    }
}
