package io.streamcl.flink.alert;

import io.streamcl.schemas.EvaluationEvent;
import java.time.Instant;

/**
 * What an alert record says about the evaluation that caused it: the learner key, its configuration, the
 * evaluation's sequence number and event time. For an alert closed because its run was superseded or its key
 * expired, these are the last evaluation of the run it watched.
 */
public record AlertSource(String key, String configHash, String configName, long evaluationSeq, Instant eventTime) {

    public static AlertSource of(EvaluationEvent event) {
        return new AlertSource(event.getKey(), event.getConfigHash(), event.getConfigName(), event.getEvaluationSeq(),
                event.getEventTime());
    }
}
