package io.streamcl.jobs.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamcl.deploy.kafka.LocalKafkaExtension;
import io.streamcl.deploy.kafka.TopicRecords;
import io.streamcl.jobs.CapturedLogs;
import io.streamcl.jobs.TwoGaussianTasks;
import io.streamcl.jobs.common.JobOptions;
import io.streamcl.jobs.common.JobStartupException;
import io.streamcl.jobs.common.Topics;
import io.streamcl.loadgen.ExampleStream;
import io.streamcl.loadgen.kafka.ExampleProducer;
import io.streamcl.schemas.EvaluationEvent;
import io.streamcl.schemas.codec.EventCodec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The training job end to end against a broker that authenticates clients (SASL/PLAIN): the client properties
 * from {@code --kafka-properties} reach the source and the exactly-once sinks, the password appears in no log
 * line, and a wrong password fails the start-up with one line naming the address.
 */
class SecuredKafkaIT {
    private static final String USER = "streamcl";
    private static final String PASSWORD = "pw-4f1b9c-never-logged";

    @RegisterExtension
    static final LocalKafkaExtension KAFKA = new LocalKafkaExtension()
            .withTopics(Topics.EXAMPLES, Topics.EVALUATIONS, Topics.PREDICTIONS, Topics.DEAD_LETTERS)
            .withSaslPlainUser(USER, PASSWORD);

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @TempDir
    Path tmp;

    @Test
    void trainsThroughASaslListenerWithoutLoggingThePassword() throws Exception {
        String secured = KAFKA.kafka().saslBootstrapServers();
        try (ExampleProducer producer = ExampleProducer.builder(secured, Topics.EXAMPLES)
                        .setting("security.protocol", "SASL_PLAINTEXT").setting("sasl.mechanism", "PLAIN")
                        .setting("sasl.jaas.config", jaas(PASSWORD)).build();
                ExampleStream stream = ExampleStream.of("learner-0", TwoGaussianTasks.scenario())) {
            producer.send(stream);
        }
        Path client = clientProperties(PASSWORD);

        List<String> logs;
        try (CapturedLogs captured = new CapturedLogs()) {
            TrainingJob.parse(withKafka(TwoGaussianTasks.trainingJob(secured, 10), "--kafka-properties", client.toString()))
                    .run(StreamExecutionEnvironment.getExecutionEnvironment(JobOptions.flinkConfiguration()));
            logs = captured.lines();
        }

        List<EvaluationEvent> events = TopicRecords.readAll(KAFKA.bootstrapServers(), Topics.EVALUATIONS,
                Duration.ofSeconds(3), EventCodec.of(EvaluationEvent.class)::decode);
        assertThat(events).as("evaluations committed through the SASL listener").hasSizeGreaterThan(20);
        assertThat(events.get(events.size() - 1).getOnlineAccuracy()).isGreaterThan(0.8);
        assertThat(logs).as("the clients logged their configuration").anyMatch(l -> l.contains("sasl.jaas.config = [hidden]"));
        assertThat(logs).noneMatch(l -> l.contains(PASSWORD));
    }

    @Test
    void aWrongPasswordFailsAtStartUpNamingTheAddress() throws Exception {
        String secured = KAFKA.kafka().saslBootstrapServers();
        TrainingJob job = TrainingJob.parse(withKafka(TwoGaussianTasks.trainingJob(secured, 10),
                "--kafka-properties", clientProperties("wrong").toString(), "--kafka-timeout", "10s"));

        assertThatThrownBy(() -> job.run(StreamExecutionEnvironment.getExecutionEnvironment(JobOptions.flinkConfiguration())))
                .isInstanceOf(JobStartupException.class)
                .hasMessageStartingWith("Kafka at " + secured + " (--bootstrap-servers) did not answer within 10s: ")
                .hasMessageContaining("Authentication failed");
    }

    private Path clientProperties(String password) throws Exception {
        return Files.writeString(tmp.resolve(password + ".properties"), String.join("\n",
                "security.protocol=SASL_PLAINTEXT", "sasl.mechanism=PLAIN", "sasl.jaas.config=" + jaas(password), ""));
    }

    private static String jaas(String password) {
        return "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + USER
                + "\" password=\"" + password + "\";";
    }

    private static String[] withKafka(String[] args, String... more) {
        return Stream.concat(Stream.of(args), Stream.of(more)).toArray(String[]::new);
    }
}
