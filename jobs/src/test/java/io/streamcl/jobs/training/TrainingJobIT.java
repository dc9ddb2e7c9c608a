package io.streamcl.jobs.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamcl.deploy.kafka.LocalKafkaExtension;
import io.streamcl.deploy.kafka.TopicRecords;
import io.streamcl.jobs.RawRecords;
import io.streamcl.jobs.TwoGaussianTasks;
import io.streamcl.jobs.common.JobOptions;
import io.streamcl.jobs.common.Topics;
import io.streamcl.loadgen.ExampleStream;
import io.streamcl.loadgen.kafka.ExampleProducer;
import io.streamcl.schemas.DeadLetter;
import io.streamcl.schemas.EvaluationEvent;
import io.streamcl.schemas.EvaluationTrigger;
import io.streamcl.schemas.codec.EventCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * End to end on real parts: a real Kafka broker, the training job on a Flink MiniCluster, a synthetic two-task
 * stream from loadgen (class means move at the boundary) with a malformed record in the middle. The events must
 * show the model learning, task 0 dropping after the boundary with its stability gap measured, and the bad record
 * dead-lettered while the job went on.
 */
class TrainingJobIT {
    /** How long no new record means a topic has been read to its end. */
    private static final Duration IDLE = Duration.ofSeconds(3);

    @RegisterExtension
    static final LocalKafkaExtension KAFKA = new LocalKafkaExtension()
            .withTopics(Topics.EXAMPLES, Topics.EVALUATIONS, Topics.DEAD_LETTERS);

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @Test
    void learnsFromKafkaAndDeadLettersAMalformedRecordWithoutStopping() throws Exception {
        try (ExampleProducer producer = ExampleProducer.builder(KAFKA.bootstrapServers(), Topics.EXAMPLES).build();
                ExampleStream stream = ExampleStream.of("learner-0", TwoGaussianTasks.scenario())) {
            producer.send(stream, 1_000);
            RawRecords.send(KAFKA.bootstrapServers(), Topics.EXAMPLES, "learner-0",
                    List.of("this is not avro".getBytes(StandardCharsets.UTF_8)));
            producer.send(stream);
        }

        TrainingJob job = TrainingJob.parse(TwoGaussianTasks.trainingJob(KAFKA.bootstrapServers(), 10));
        job.run(StreamExecutionEnvironment.getExecutionEnvironment(JobOptions.flinkConfiguration()));

        List<EvaluationEvent> events = TopicRecords.readAll(KAFKA.bootstrapServers(), Topics.EVALUATIONS, IDLE,
                EventCodec.of(EvaluationEvent.class)::decode);
        int updates = (int) Math.round(6_000 * 0.9) / 16;
        assertThat(events).hasSizeBetween(updates / 10, updates / 10 + 4);
        assertThat(events).extracting(EvaluationEvent::getModelStep).isSorted();
        EvaluationEvent last = events.get(events.size() - 1);
        assertThat(last.getKey()).isEqualTo("learner-0");
        assertThat(last.getOnlineAccuracy()).as("prequential accuracy, chance is 0.25").isGreaterThan(0.8);
        assertThat(last.getTrigger()).isEqualTo(EvaluationTrigger.END_OF_INPUT);
        assertThat(last.getAggregate().getEndedTask()).as("the end of input ends task 1").isEqualTo(1);
        assertThat(last.getAggregate().getAccuracyMatrixRowTasks()).containsExactly(0, 1);
        assertThat(last.getAggregate().getAccuracyMatrixRow())
                .containsExactly(accuracy(last, 0), accuracy(last, 1));
        assertThat(last.getAggregate().getFinalAccuracy()).isCloseTo((accuracy(last, 0) + accuracy(last, 1)) / 2,
                org.assertj.core.data.Offset.offset(1e-9));

        double task0BeforeBoundary = accuracy(events.stream().filter(e -> e.getCurrentTask() == 0)
                .reduce((a, b) -> b).orElseThrow(), 0);
        double task0LowestAfter = events.stream().filter(e -> e.getCurrentTask() == 1)
                .mapToDouble(e -> accuracy(e, 0)).min().orElseThrow();
        assertThat(task0BeforeBoundary).as("task 0 learned").isGreaterThan(0.8);
        assertThat(task0LowestAfter).as("task 0 forgotten after the boundary").isLessThan(task0BeforeBoundary - 0.2);
        assertThat(last.getAggregate().getMinAccuracy()).isCloseTo(task0LowestAfter, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(events).flatMap(EvaluationEvent::getStabilityGaps).anySatisfy(gap -> {
            assertThat(gap.getTaskId()).isZero();
            assertThat(gap.getPreBoundaryAccuracy()).isGreaterThan(0.8);
            assertThat(gap.getDepth()).isGreaterThan(0.2);
            assertThat(gap.getStepsToMinimum()).isPositive();
            assertThat(gap.getArea()).isPositive();
        });
        assertThat(events).anySatisfy(e -> assertThat(e.getAggregate().getAccuracyMatrixRowTasks()).containsExactly(0));

        List<DeadLetter> deadLetters = TopicRecords.readAll(KAFKA.bootstrapServers(), Topics.DEAD_LETTERS, IDLE,
                EventCodec.of(DeadLetter.class)::decode);
        assertThat(deadLetters).singleElement().satisfies(d -> {
            assertThat(d.getSourceTopic()).isEqualTo(Topics.EXAMPLES);
            assertThat(d.getOffset()).isEqualTo(1_000);
            assertThat(d.getErrorType()).isEqualTo("undecodable");
            assertThat(d.getReason()).contains("not an Avro single-object Example");
        });
    }

    private static double accuracy(EvaluationEvent event, int task) {
        return event.getTasks().stream().filter(t -> t.getTaskId() == task).findFirst().orElseThrow().getAccuracy();
    }
}
