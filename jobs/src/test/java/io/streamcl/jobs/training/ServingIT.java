package io.streamcl.jobs.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamcl.deploy.kafka.LocalKafkaExtension;
import io.streamcl.deploy.kafka.TopicRecords;
import io.streamcl.jobs.TwoGaussianTasks;
import io.streamcl.jobs.common.JobOptions;
import io.streamcl.jobs.common.Topics;
import io.streamcl.loadgen.ExampleStream;
import io.streamcl.loadgen.kafka.ExampleProducer;
import io.streamcl.schemas.DenseFeatures;
import io.streamcl.schemas.EvaluationEvent;
import io.streamcl.schemas.EvaluationTrigger;
import io.streamcl.schemas.Example;
import io.streamcl.schemas.Prediction;
import io.streamcl.schemas.Split;
import io.streamcl.schemas.WeightsKind;
import io.streamcl.schemas.codec.EventCodec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Gap-safe serving end to end: the two-task stream on a real broker with unlabeled examples between its labeled
 * ones, the training job on a MiniCluster with {@code serve.weights=auto} and an ema stage. Predictions come from the
 * raw weights during task 0, switch to the EMA weights at the boundary ({@code serve.boundary-ema}), and every
 * prediction says which weights served it and at which model step.
 */
class ServingIT {
    private static final Duration IDLE = Duration.ofSeconds(3);
    private static final int EVAL_EVERY = 10;

    @RegisterExtension
    static final LocalKafkaExtension KAFKA = new LocalKafkaExtension()
            .withTopics(Topics.EXAMPLES, Topics.EVALUATIONS, Topics.PREDICTIONS, Topics.DEAD_LETTERS);

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @Test
    void autoServesEmaWeightsAfterTheBoundaryAndEveryPredictionSaysWhichWeights() throws Exception {
        SplittableRandom random = new SplittableRandom(3);
        try (ExampleProducer producer = ExampleProducer.builder(KAFKA.bootstrapServers(), Topics.EXAMPLES).build();
                ExampleStream stream = ExampleStream.of("learner-0", TwoGaussianTasks.scenario())) {
            long unlabeled = 1_000_000;
            while (stream.hasNext()) {
                producer.send(stream, 100);
                List<Example> queries = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    queries.add(unlabeled(unlabeled++, random));
                }
                producer.send(queries.iterator());
            }
        }
        String[] args = Stream.concat(Stream.of(TwoGaussianTasks.trainingJob(KAFKA.bootstrapServers(), EVAL_EVERY)),
                Stream.of("--set", "optimizer=sgd(lr=0.05)+ema", "--set", "serve.weights=auto",
                        "--set", "serve.boundary-ema=true")).toArray(String[]::new);
        TrainingJob.parse(args).run(StreamExecutionEnvironment.getExecutionEnvironment(JobOptions.flinkConfiguration()));

        List<EvaluationEvent> events = TopicRecords.readAll(KAFKA.bootstrapServers(), Topics.EVALUATIONS, IDLE,
                EventCodec.of(EvaluationEvent.class)::decode);
        long boundary = events.stream().filter(e -> e.getTrigger() == EvaluationTrigger.BOUNDARY).findFirst()
                .orElseThrow().getModelStep();
        List<Prediction> predictions = TopicRecords.readAll(KAFKA.bootstrapServers(), Topics.PREDICTIONS, IDLE,
                EventCodec.of(Prediction.class)::decode);
        assertThat(predictions).hasSize(3 * (int) Math.ceil(6_000 / 100.0));
        assertThat(predictions).extracting(Prediction::getModelStep).isSorted();
        assertThat(predictions).filteredOn(p -> p.getModelStep() < 3 * EVAL_EVERY)
                .as("too few evaluations for evidence yet: raw").isNotEmpty()
                .allSatisfy(p -> assertThat(p.getWeights()).isEqualTo(WeightsKind.RAW));
        assertThat(predictions).filteredOn(p -> p.getModelStep() >= boundary && p.getModelStep() < boundary + EVAL_EVERY)
                .as("from the boundary on, until evidence: EMA").isNotEmpty()
                .allSatisfy(p -> assertThat(p.getWeights()).isEqualTo(WeightsKind.EMA));
        assertThat(predictions).allSatisfy(p -> {
            assertThat(p.getProbabilities()).hasSize(4);
            assertThat(p.getProbabilities().get(p.getPredictedLabel()))
                    .isEqualTo(Collections.max(p.getProbabilities()));
        });
        assertThat(events).as("the EMA weights' gaps are measured too (schema v3)")
                .anySatisfy(e -> assertThat(e.getEmaStabilityGaps()).isNotEmpty());
    }

    private static Example unlabeled(long seq, SplittableRandom random) {
        List<Float> features = new ArrayList<>();
        for (int j = 0; j < 16; j++) {
            features.add((float) random.nextGaussian());
        }
        return Example.newBuilder().setKey("learner-0").setSeq(seq).setEventTime(Instant.ofEpochMilli(seq))
                .setSplit(Split.TRAIN).setFeatures(DenseFeatures.newBuilder().setValues(features).build()).build();
    }
}
