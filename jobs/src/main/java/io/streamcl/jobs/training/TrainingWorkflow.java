package io.streamcl.jobs.training;

import io.streamcl.core.learner.ContinualLearnerConfig;
import io.streamcl.core.serving.ServingConfig;
import java.time.Duration;
import io.streamcl.flink.config.KeyLimits;
import io.streamcl.flink.learner.ContinualLearnerFunction;
import io.streamcl.flink.learner.LearnerOperator;
import io.streamcl.flink.serde.ExampleMapper;
import io.streamcl.flink.serde.KafkaRecord;
import io.streamcl.flink.serde.RecordDecoder;
import io.streamcl.flink.serde.StreamExample;
import io.streamcl.jobs.common.Uids;
import io.streamcl.schemas.DeadLetter;
import io.streamcl.schemas.Example;
import io.streamcl.schemas.EvaluationEvent;
import io.streamcl.schemas.Prediction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * The training topology, separate from its wiring: raw records in; evaluation events, predictions and dead letters
 * out.
 * Tests pass their own input stream and sinks; {@link TrainingJob} passes Kafka.
 */
public final class TrainingWorkflow {
    private TrainingWorkflow() {}

    /** Decode and validate, key by learner, learn, and write events, predictions and dead letters to the sinks. */
    public static void define(DataStream<KafkaRecord> records, ContinualLearnerConfig learner, KeyLimits keys,
            ServingConfig serving, Duration flushAfter, Sink<EvaluationEvent> evaluations, Sink<Prediction> predictions,
            Sink<DeadLetter> deadLetters) {
        SingleOutputStreamOperator<StreamExample> examples = records
                .process(new RecordDecoder<>(Example.class, StreamExample.class, new ExampleMapper(
                        learner.learner().model().inputs(), learner.learner().model().outputs(), keys.maxKeyBytes())))
                .uid(Uids.DECODER)
                .name("decode + validate");
        SingleOutputStreamOperator<EvaluationEvent> events = examples.keyBy(example -> example.key, Types.STRING)
                .transform("continual learner", TypeInformation.of(EvaluationEvent.class),
                        new LearnerOperator(new ContinualLearnerFunction(learner, flushAfter, keys, serving)))
                .uid(Uids.LEARNER);
        examples.getSideOutput(RecordDecoder.DEAD_LETTERS)
                .union(events.getSideOutput(ContinualLearnerFunction.DEAD_LETTERS))
                .sinkTo(deadLetters)
                .uid(Uids.DEAD_LETTERS_SINK)
                .name("dead letters");
        events.getSideOutput(ContinualLearnerFunction.PREDICTIONS)
                .sinkTo(predictions)
                .uid(Uids.PREDICTIONS_SINK)
                .name("predictions");
        events.sinkTo(evaluations)
                .uid(Uids.EVALUATIONS_SINK)
                .name("evaluations");
    }
}
