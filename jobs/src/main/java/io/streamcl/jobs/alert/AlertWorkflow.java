package io.streamcl.jobs.alert;

import io.streamcl.flink.alert.AlertConfig;
import io.streamcl.flink.alert.AlertFunction;
import io.streamcl.flink.serde.KafkaRecord;
import io.streamcl.flink.serde.RecordDecoder;
import io.streamcl.jobs.common.Uids;
import io.streamcl.schemas.DeadLetter;
import io.streamcl.schemas.EvaluationEvent;
import io.streamcl.schemas.ForgettingAlert;
import java.time.Duration;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * The alert topology, separate from its wiring: evaluation events (raw records or decoded) in, alert lifecycle
 * events and dead letters out. Tests pass their own input stream and sinks; {@link AlertJob} passes Kafka.
 */
public final class AlertWorkflow {
    private AlertWorkflow() {}

    /** Decode raw evaluation records, dead-letter the bad ones, and raise alerts on the rest. */
    public static void define(DataStream<KafkaRecord> records, AlertConfig config, Duration stateTtl,
            Sink<ForgettingAlert> alerts, Sink<DeadLetter> deadLetters) {
        SingleOutputStreamOperator<EvaluationEvent> events = records
                .process(new RecordDecoder<>(EvaluationEvent.class, EvaluationEvent.class, AlertFunction::checked))
                .uid(Uids.EVALUATION_DECODER)
                .name("decode evaluations");
        events.getSideOutput(RecordDecoder.DEAD_LETTERS)
                .sinkTo(deadLetters)
                .uid(Uids.DEAD_LETTERS_SINK)
                .name("dead letters");
        alerts(events, config, stateTtl, alerts);
    }

    /** Key evaluation events by learner, run the alert rules, and write their alerts to the sink. */
    public static void alerts(DataStream<EvaluationEvent> events, AlertConfig config, Duration stateTtl,
            Sink<ForgettingAlert> alerts) {
        events.keyBy(AlertFunction::stateKey, Types.STRING)
                .process(new AlertFunction(config, stateTtl))
                .uid(Uids.ALERTS)
                .name("alerts")
                .sinkTo(alerts)
                .uid(Uids.ALERTS_SINK)
                .name("alerts sink");
    }
}
