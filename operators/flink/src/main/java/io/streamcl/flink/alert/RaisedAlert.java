package io.streamcl.flink.alert;

import io.streamcl.core.detect.AlertEvent;

/**
 * An alert event of the core with what it is about, as the Avro {@code ForgettingAlert} needs it.
 *
 * @param taskId the task whose accuracy the rule watches; null for learner-wide rules
 * @param metric the metric {@code event}'s values are in, e.g. {@code accuracy} or {@code train-loss}
 */
public record RaisedAlert(Integer taskId, String metric, AlertEvent event) {}
