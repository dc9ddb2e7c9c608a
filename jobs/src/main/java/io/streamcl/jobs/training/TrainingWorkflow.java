package io.streamcl.jobs.training;

import io.streamcl.core.learner.ContinualLearnerConfig;
import io.streamcl.core.serving.ServingConfig;
import java.time.Duration;
import io.streamcl.flink.config.KeyLimits;
import io.streamcl.flink.config.KeyRoutes;
import io.streamcl.flink.config.LearnerGrid;
import io.streamcl.flink.learner.ContinualLearnerFunction;
import io.streamcl.flink.learner.KeyRouter;
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
 * out. Every configuration of the grid is its own keyed learner operator fed by the one decoded stream, so all of
 * them see the identical examples in parallel, each with its own state; their outputs share the sinks.
 * Tests pass their own input stream and sinks; {@link TrainingJob} passes Kafka.
 */
public final class TrainingWorkflow {
    private TrainingWorkflow() {}

    /**
     * Decode and validate, key by learner, learn with every configuration of {@code grid}, and write events,
     * predictions and dead letters to the sinks. Without {@code routes} every key trains every configuration; with
     * them each key trains only the configuration its rule names, and a key without a rule is dead-lettered.
     */
    public static void define(DataStream<KafkaRecord> records, LearnerGrid grid, KeyRoutes routes, KeyLimits keys,
            ServingConfig serving, boolean asyncEvaluation, Duration flushAfter, Sink<EvaluationEvent> evaluations, Sink<Prediction> predictions,
            Sink<DeadLetter> deadLetters) {
        ContinualLearnerConfig shape = grid.first();
        SingleOutputStreamOperator<StreamExample> examples = records
                .process(new RecordDecoder<>(Example.class, StreamExample.class, new ExampleMapper(
                        shape.learner().model().inputs(), shape.learner().model().outputs(), keys.maxKeyBytes())))
                .uid(Uids.DECODER)
                .name("decode + validate");
        DataStream<DeadLetter> rejected = examples.getSideOutput(RecordDecoder.DEAD_LETTERS);
        SingleOutputStreamOperator<DeadLetter> router = null;
        if (routes != null) {
            router = examples.process(new KeyRouter(routes), TypeInformation.of(DeadLetter.class))
                    .uid(Uids.KEY_ROUTER)
                    .name("route keys to configurations");
            rejected = rejected.union(router);
        }
        DataStream<EvaluationEvent> events = null;
        DataStream<Prediction> predicted = null;
        for (LearnerGrid.Named configuration : grid.configurations()) {
            DataStream<StreamExample> input = router == null ? examples
                    : router.getSideOutput(KeyRouter.examplesFor(configuration.name()));
            SingleOutputStreamOperator<EvaluationEvent> learned = input.keyBy(example -> example.key, Types.STRING)
                    .transform(learnerName(configuration.name()), TypeInformation.of(EvaluationEvent.class),
                            new LearnerOperator(new ContinualLearnerFunction(configuration.config(), flushAfter, keys,
                                    configuration.name(), serving).evaluateAsync(asyncEvaluation)))
                    .uid(Uids.learner(configuration.name()));
            rejected = rejected.union(learned.getSideOutput(ContinualLearnerFunction.DEAD_LETTERS));
            events = events == null ? learned : events.union(learned);
            DataStream<Prediction> own = learned.getSideOutput(ContinualLearnerFunction.PREDICTIONS);
            predicted = predicted == null ? own : predicted.union(own);
        }
        rejected.sinkTo(deadLetters)
                .uid(Uids.DEAD_LETTERS_SINK)
                .name("dead letters");
        predicted.sinkTo(predictions)
                .uid(Uids.PREDICTIONS_SINK)
                .name("predictions");
        events.sinkTo(evaluations)
                .uid(Uids.EVALUATIONS_SINK)
                .name("evaluations");
    }

    /** The learner operator's display name: today's for the default configuration, with the name in a grid. */
    private static String learnerName(String configuration) {
        return configuration.equals(LearnerGrid.DEFAULT_NAME) ? "continual learner"
                : "continual learner [" + configuration + "]";
    }
}
