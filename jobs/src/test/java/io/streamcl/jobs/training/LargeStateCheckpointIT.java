package io.streamcl.jobs.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamcl.deploy.kafka.LocalKafkaExtension;
import io.streamcl.deploy.kafka.TopicRecords;
import io.streamcl.jobs.common.JobOptions;
import io.streamcl.jobs.common.Topics;
import io.streamcl.loadgen.ExampleStream;
import io.streamcl.loadgen.Scenario;
import io.streamcl.loadgen.StreamPlan;
import io.streamcl.loadgen.kafka.ExampleProducer;
import io.streamcl.loadgen.synthetic.GaussianClusters;
import io.streamcl.schemas.EvaluationEvent;
import io.streamcl.schemas.codec.EventCodec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.client.program.ClusterClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.InjectClusterClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A learner whose state passes the 5 MB that JobManager checkpoint storage refuses (a replay memory of 4,000
 * 512-float rows: 8 MB) checkpoints into the filesystem directory the job now always configures: checkpoints of
 * 9 MB complete (only those triggered while the bounded job's tasks finish are declined) and the job finishes with
 * its events committed, where before every checkpoint failed for its size and the job restarted forever.
 */
class LargeStateCheckpointIT {
    private static final int FEATURES = 512;
    private static final int REPLAY_ROWS = 4_000;
    private static final long FIVE_MB = 5L << 20;

    @RegisterExtension
    static final LocalKafkaExtension KAFKA = new LocalKafkaExtension()
            .withTopics(Topics.EXAMPLES, Topics.EVALUATIONS, Topics.DEAD_LETTERS);

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @TempDir
    Path checkpoints;

    @Test
    void checkpointsLearnerStateAboveFiveMegabytesIntoTheCheckpointDirectory(
            @InjectClusterClient ClusterClient<?> client) throws Exception {
        Scenario scenario = Scenario.of(GaussianClusters.defaults().withClasses(4).withFeatures(FEATURES).withTasks(2),
                StreamPlan.defaults().withSeed(11).withExamplesPerTask(4_000).withEvalFraction(0.05));
        try (ExampleProducer producer = ExampleProducer.builder(KAFKA.bootstrapServers(), Topics.EXAMPLES).build();
                ExampleStream stream = ExampleStream.of("big-learner", scenario)) {
            producer.send(stream);
        }

        JobExecutionResult result = TrainingJob.parse("--bootstrap-servers", KAFKA.bootstrapServers(),
                "--from", "earliest", "--bounded", "--checkpoint-interval", "200ms", "--restart-attempts", "0",
                "--checkpoint-dir", checkpoints.toString(),
                "--set", "model.inputs=" + FEATURES, "--set", "model.classes=4", "--set", "model.hidden=32",
                "--set", "optimizer=sgd(lr=0.05)", "--set", "learner.batch-size=16", "--set", "eval.every=50",
                "--set", "eval.samples-per-task=200", "--set", "replay=reservoir(capacity=" + REPLAY_ROWS + ")")
                .run(StreamExecutionEnvironment.getExecutionEnvironment(JobOptions.flinkConfiguration()));

        String stats = get(client.getWebInterfaceURL() + "/jobs/" + result.getJobID() + "/checkpoints");
        // Checkpoints triggered while the bounded job's tasks finish are declined; none may fail for its size.
        assertThat(stats).as("checkpoint statistics").doesNotContain("maxSize").doesNotContain("exceed");
        assertThat(number(stats, "\"completed\"\\s*:\\s*(\\d+)")).as("completed checkpoints").isPositive();
        assertThat(number(stats, "\"checkpointed_size\"\\s*:\\s*(\\d+)")).as("largest checkpoint, bytes")
                .isGreaterThan(FIVE_MB);
        assertThat(stats).contains(checkpoints.toString());

        List<EvaluationEvent> events = TopicRecords.readAll(KAFKA.bootstrapServers(), Topics.EVALUATIONS,
                Duration.ofSeconds(3), EventCodec.of(EvaluationEvent.class)::decode);
        assertThat(events).isNotEmpty();
        assertThat(events.get(events.size() - 1).getExamplesSeen()).as("every training example consumed")
                .isGreaterThan(7_000);
    }

    private static String get(String url) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s", url).isEqualTo(200);
        return response.body();
    }

    /** The largest value of the first group of {@code pattern} in {@code json}. */
    private static long number(String json, String pattern) {
        Matcher m = Pattern.compile(pattern).matcher(json);
        long largest = -1;
        while (m.find()) {
            largest = Math.max(largest, Long.parseLong(m.group(1)));
        }
        assertThat(largest).as("%s in %s", pattern, json).isNotNegative();
        return largest;
    }
}
