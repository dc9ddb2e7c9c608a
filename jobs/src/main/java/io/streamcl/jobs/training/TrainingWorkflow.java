package io.streamcl.jobs.training;

import io.streamcl.core.learner.LearnerConfig;
import io.streamcl.flink.learner.ContinualLearnerFunction;
import io.streamcl.flink.serde.ExampleDecoder;
import io.streamcl.flink.serde.ExampleMapper;
import io.streamcl.flink.serde.KafkaRecord;
import io.streamcl.flink.serde.StreamExample;
import io.streamcl.jobs.common.Uids;
import io.streamcl.schemas.DeadLetter;
import io.streamcl.schemas.EvaluationEvent;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * The training topology, separate from its wiring: raw records in, evaluation events and dead letters out.
 * Tests pass their own input stream and sinks; {@link TrainingJob} passes Kafka.
 */
public final class TrainingWorkflow {
    private TrainingWorkflow() {}

    /** Decode and validate, key by learner, learn, and write events and dead letters to the given sinks. */
    public static void define(DataStream<KafkaRecord> records, LearnerConfig learner, int reportEvery,
            Sink<EvaluationEvent> evaluations, Sink<DeadLetter> deadLetters) {
        SingleOutputStreamOperator<StreamExample> examples = records
                .process(new ExampleDecoder(new ExampleMapper(learner.model().inputs(), learner.model().outputs())))
                .uid(Uids.DECODER)
                .name("decode + validate");
        examples.getSideOutput(ExampleDecoder.DEAD_LETTERS)
                .sinkTo(deadLetters)
                .uid(Uids.DEAD_LETTERS_SINK)
                .name("dead letters");
        examples.keyBy(example -> example.key, Types.STRING)
                .process(new ContinualLearnerFunction(learner, reportEvery))
                .uid(Uids.LEARNER)
                .name("continual learner")
                .sinkTo(evaluations)
                .uid(Uids.EVALUATIONS_SINK)
                .name("evaluations");
    }
}
