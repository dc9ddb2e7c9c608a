package io.streamcl.jobs.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamcl.deploy.kafka.LocalKafkaExtension;
import io.streamcl.deploy.kafka.TopicRecords;
import io.streamcl.jobs.TwoGaussianTasks;
import io.streamcl.jobs.common.JobOptions;
import io.streamcl.loadgen.ExampleStream;
import io.streamcl.loadgen.kafka.ExampleProducer;
import io.streamcl.schemas.DeadLetter;
import io.streamcl.schemas.EvaluationEvent;
import io.streamcl.schemas.EvaluationTrigger;
import io.streamcl.schemas.codec.EventCodec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark grid end to end on real parts (a Kafka broker, the training job on a MiniCluster): four
 * configurations learn the same stream side by side in one job, each event carrying its configuration's name, and
 * one configuration's events equal those of a job that runs it alone; with {@code --config-for}, each key trains
 * only its configuration and a key without a rule is dead-lettered.
 */
class LearnerGridIT {
    /** How long no new record means a topic has been read to its end (a consumer group join can take seconds). */
    private static final Duration IDLE = Duration.ofSeconds(10);
    private static final List<String> GRID = List.of(
            "# shared by the four configurations (over the job's -s settings)",
            "eval.plasticity-every=100",
            "[sgd]",
            "[adam]",
            "optimizer=adam(lr=0.005)",
            "[replay]",
            "replay=reservoir(capacity=300)",
            "[wide]",
            "model.hidden=64");

    @RegisterExtension
    static final LocalKafkaExtension KAFKA = new LocalKafkaExtension().withTopics("grid-examples", "grid-evaluations",
            "single-evaluations", "grid-dead-letters", "routed-examples", "routed-evaluations", "routed-dead-letters");

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @TempDir
    Path dir;

    @Test
    void fourConfigurationsLearnTheSameStreamAndEachEqualsItsSingleRun() throws Exception {
        try (ExampleProducer producer = ExampleProducer.builder(KAFKA.bootstrapServers(), "grid-examples").build();
                ExampleStream stream = ExampleStream.of("learner-0", TwoGaussianTasks.scenario())) {
            producer.send(stream);
        }
        Path grid = Files.write(dir.resolve("grid.ini"), GRID);

        run(job("grid", "grid-examples", "--grid", grid.toString()));
        run(job("single", "grid-examples", "--set", "eval.plasticity-every=100"));

        Map<String, List<EvaluationEvent>> byConfig = read("grid-evaluations").stream()
                .collect(Collectors.groupingBy(EvaluationEvent::getConfigName));
        assertThat(byConfig).containsOnlyKeys("sgd", "adam", "replay", "wide");
        assertThat(byConfig.values()).allSatisfy(events -> {
            EvaluationEvent last = events.get(events.size() - 1);
            assertThat(last.getTrigger()).isEqualTo(EvaluationTrigger.END_OF_INPUT);
            assertThat(last.getExamplesSeen()).as("every configuration saw the whole stream")
                    .isEqualTo(byConfig.get("sgd").get(byConfig.get("sgd").size() - 1).getExamplesSeen())
                    .isGreaterThan(5_000);
            assertThat(last.getOnlineAccuracy()).as("and learned from it, chance is 0.25").isGreaterThan(0.6);
        });
        assertThat(byConfig.values().stream().map(events -> events.get(0).getConfigHash()).distinct())
                .as("four different learners").hasSize(4);

        List<EvaluationEvent> single = read("single-evaluations");
        assertThat(single).allSatisfy(e -> assertThat(e.getConfigName()).isEqualTo("default"));
        assertThat(single).hasSizeGreaterThan(10);
        assertThat(byConfig.get("sgd")).as("the grid's sgd learner is the single job's, event for event")
                .containsExactlyElementsOf(single.stream()
                        .map(e -> EvaluationEvent.newBuilder(e).setConfigName("sgd").build()).toList());
    }

    @Test
    void eachKeyTrainsOnlyTheConfigurationItsRuleNames() throws Exception {
        try (ExampleProducer producer = ExampleProducer.builder(KAFKA.bootstrapServers(), "routed-examples").build()) {
            for (String key : List.of("sensor-1", "pump-1", "valve-1")) {
                try (ExampleStream stream = ExampleStream.of(key, TwoGaussianTasks.scenario())) {
                    producer.send(stream, key.startsWith("valve") ? 25 : 2_000);
                }
            }
        }
        Path grid = Files.write(dir.resolve("routes.ini"), List.of("[fast]", "optimizer=sgd(lr=0.1)", "[slow]",
                "optimizer=sgd(lr=0.01)"));

        run(job("routed", "routed-examples", "--grid", grid.toString(),
                "--config-for", "sensor-[0-9]+=fast", "--config-for", "pump-.*=slow"));

        Map<String, List<String>> configsByKey = read("routed-evaluations").stream().collect(Collectors.groupingBy(
                EvaluationEvent::getKey, Collectors.mapping(EvaluationEvent::getConfigName, Collectors.toList())));
        assertThat(configsByKey).containsOnlyKeys("sensor-1", "pump-1");
        assertThat(configsByKey.get("sensor-1")).isNotEmpty().containsOnly("fast");
        assertThat(configsByKey.get("pump-1")).isNotEmpty().containsOnly("slow");
        List<DeadLetter> deadLetters = TopicRecords.readAll(KAFKA.bootstrapServers(), "routed-dead-letters", IDLE,
                EventCodec.of(DeadLetter.class)::decode);
        assertThat(deadLetters).hasSize(25).allSatisfy(d -> {
            assertThat(d.getErrorType()).isEqualTo("unrouted-key");
            assertThat(d.getReason()).startsWith("key 'valve-1' matches no --config-for rule [sensor-[0-9]+=fast, pump-.*=slow]");
        });
    }

    private static String[] job(String name, String examples, String... extra) {
        List<String> args = new ArrayList<>(List.of(TwoGaussianTasks.trainingJob(KAFKA.bootstrapServers(), 20)));
        args.addAll(List.of("--examples-topic", examples, "--evaluations-topic", name + "-evaluations",
                "--dead-letters-topic", name + "-dead-letters", "--group-id", name));
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    private static void run(String[] args) throws Exception {
        TrainingJob.parse(args).run(StreamExecutionEnvironment.getExecutionEnvironment(JobOptions.flinkConfiguration()));
    }

    private static List<EvaluationEvent> read(String topic) throws Exception {
        return TopicRecords.readAll(KAFKA.bootstrapServers(), topic, IDLE, EventCodec.of(EvaluationEvent.class)::decode);
    }
}
