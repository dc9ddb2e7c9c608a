package io.streamcl.jobs.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.streamcl.deploy.kafka.LocalKafkaExtension;
import io.streamcl.deploy.kafka.TopicRecords;
import io.streamcl.jobs.TwoGaussianTasks;
import io.streamcl.jobs.common.JobOptions;
import io.streamcl.jobs.common.StateBackendChoice;
import io.streamcl.loadgen.ExampleStream;
import io.streamcl.loadgen.Scenario;
import io.streamcl.loadgen.StreamPlan;
import io.streamcl.loadgen.images.FashionMnist;
import io.streamcl.loadgen.images.ImageTasks;
import io.streamcl.loadgen.kafka.ExampleProducer;
import io.streamcl.schemas.EvaluationEvent;
import io.streamcl.schemas.Example;
import io.streamcl.schemas.Split;
import io.streamcl.schemas.EvaluationTrigger;
import io.streamcl.schemas.codec.EventCodec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobID;
import org.apache.flink.runtime.client.JobStatusMessage;
import org.apache.flink.client.program.ClusterClient;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.InjectClusterClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The same checks on both keyed state backends ({@code --state-backend hashmap|rocksdb}): a split Fashion-MNIST
 * stream with replay runs to completion with every event in order and the final accuracy-matrix row, and a job
 * stopped with a savepoint half-way and resumed from it writes exactly the events of a run that was never stopped.
 */
class StateBackendsIT {
    private static final Duration IDLE = Duration.ofSeconds(3);

    @RegisterExtension
    static final LocalKafkaExtension KAFKA = new LocalKafkaExtension();

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(StateBackendChoice.class)
    void splitFashionMnistWithReplayRunsToCompletion(StateBackendChoice backend,
            @InjectClusterClient ClusterClient<?> client) throws Exception {
        assumeThat(FashionMnist.isInstalled(FashionMnist.defaultDir()))
                .as("Fashion-MNIST in %s (apt-get install dataset-fashion-mnist)", FashionMnist.defaultDir()).isTrue();
        Topics topics = Topics.create("split-" + backend.flinkName());
        Scenario split = Scenario.of(ImageTasks.classIncremental(FashionMnist.load(), 2, ImageTasks.naturalClassOrder()),
                StreamPlan.defaults().withSeed(3).withExamplesPerTask(600).withEvalFraction(0.1));
        long trainExamples = trainCount(send(topics.examples(), examples(split)));

        long submitted = System.currentTimeMillis();
        CompletableFuture<Void> run = runAsync(topics.job(backend, "--bounded", "--checkpoint-dir", tmp.toString(),
                "--set", "model.inputs=784", "--set", "model.classes=10", "--set", "model.hidden=32",
                "--set", "replay=reservoir(capacity=300)", "--set", "eval.samples-per-task=60"), null);
        assertThat(stateBackendOf(client, jobSubmittedAfter(client, submitted))).as("the job's state backend")
                .isEqualTo(backend == StateBackendChoice.ROCKSDB ? "EmbeddedRocksDBStateBackend" : "HashMapStateBackend");
        run.get();

        List<EvaluationEvent> events = topics.evaluations();
        assertThat(events).extracting(EvaluationEvent::getEvaluationSeq).as("no duplicate or missing events")
                .containsExactlyElementsOf(LongStream.rangeClosed(1, events.size()).boxed().toList());
        assertThat(events).extracting(EvaluationEvent::getModelStep).isSorted();
        EvaluationEvent last = events.get(events.size() - 1);
        assertThat(last.getTrigger()).isEqualTo(EvaluationTrigger.END_OF_INPUT);
        assertThat(last.getExamplesSeen()).as("every TRAIN example, the last partial batch too").isEqualTo(trainExamples);
        assertThat(last.getAggregate().getAccuracyMatrixRowTasks()).containsExactly(0, 1, 2, 3, 4);
        assertThat(last.getOnlineAccuracy()).as("prequential accuracy over the last task's two classes").isGreaterThan(0.6);
    }

    @ParameterizedTest
    @EnumSource(StateBackendChoice.class)
    void aJobResumedFromASavepointWritesTheEventsOfAnUninterruptedRun(StateBackendChoice backend,
            @InjectClusterClient ClusterClient<?> client) throws Exception {
        assertResumedRunMatchesUninterrupted(backend, client, "resumed-");
    }

    /** Evaluations on an evaluator thread: the savepoint and the drained end wait for them; the events are the same. */
    @Test
    void aJobEvaluatingAsynchronouslyWritesTheEventsOfASynchronousRun(@InjectClusterClient ClusterClient<?> client)
            throws Exception {
        assertResumedRunMatchesUninterrupted(StateBackendChoice.HASHMAP, client, "async-", "-s", "eval.async=true");
    }

    /** Stops a job with a savepoint midway and resumes it ({@code resumedArgs} on both parts) against a clean run. */
    private void assertResumedRunMatchesUninterrupted(StateBackendChoice backend, ClusterClient<?> client,
            String prefix, String... resumedArgs) throws Exception {
        Topics resumed = Topics.create(prefix + backend.flinkName());
        Topics clean = Topics.create(prefix + "clean-" + backend.flinkName());
        // The same records (event times included) on both topics.
        List<Example> whole = send(clean.examples(), examples(TwoGaussianTasks.scenario()));
        runAsync(clean.job(backend, "--flush-after", "1h", "--bounded"), null).get();
        List<EvaluationEvent> expected = clean.evaluations();
        assertThat(expected.get(expected.size() - 1).getExamplesSeen()).isEqualTo(trainCount(whole));

        // Unbounded runs (a restored source keeps the bounds it was saved with), so the end of input is a drain.
        // A flush-after longer than the test keeps every batch full, however long the job waits for input.
        int firstPart = 2_500;
        send(resumed.examples(), whole.subList(0, firstPart));
        long submitted = System.currentTimeMillis();
        CompletableFuture<Void> first = runAsync(resumed.job(backend, concat(resumedArgs, "--flush-after", "1h")), null);
        JobID id = jobSubmittedAfter(client, submitted);
        awaitCommittedOffset(resumed, 1_000);
        String savepoint = client.stopWithSavepoint(id, false, tmp.resolve("savepoints").toUri().toString(),
                SavepointFormatType.CANONICAL).get();
        first.get();

        send(resumed.examples(), whole.subList(firstPart, whole.size()));
        submitted = System.currentTimeMillis();
        CompletableFuture<Void> second = runAsync(resumed.job(backend, concat(resumedArgs, "--flush-after", "1h")),
                savepoint);
        id = jobSubmittedAfter(client, submitted);
        awaitCommittedOffset(resumed, whole.size());
        client.stopWithSavepoint(id, true, tmp.resolve("savepoints").toUri().toString(),
                SavepointFormatType.CANONICAL).get();
        second.get();

        assertThat(resumed.evaluations()).as("events of the stopped and resumed job").isNotEmpty()
                .containsExactlyElementsOf(expected);
    }

    private static String[] concat(String[] first, String... second) {
        return Stream.concat(Arrays.stream(first), Arrays.stream(second)).toArray(String[]::new);
    }

    private static List<Example> examples(Scenario scenario) {
        List<Example> examples = new ArrayList<>();
        try (ExampleStream stream = ExampleStream.of("learner-0", scenario)) {
            stream.forEachRemaining(examples::add);
        }
        return examples;
    }

    /** Sends {@code examples} to {@code topic}, and returns them. */
    private static List<Example> send(String topic, List<Example> examples) {
        try (ExampleProducer producer = ExampleProducer.builder(KAFKA.bootstrapServers(), topic).build()) {
            producer.send(examples.iterator());
        }
        return examples;
    }

    private static long trainCount(List<Example> examples) {
        return examples.stream().filter(e -> e.getSplit() == Split.TRAIN).count();
    }

    /** Runs the training job with {@code args} on the MiniCluster, from {@code savepoint} when not null. */
    private static CompletableFuture<Void> runAsync(String[] args, String savepoint) {
        TrainingJob job = TrainingJob.parse(args);
        return CompletableFuture.runAsync(() -> {
            Configuration conf = JobOptions.flinkConfiguration();
            if (savepoint != null) {
                conf.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
            }
            try {
                job.run(StreamExecutionEnvironment.getExecutionEnvironment(conf));
            } catch (Exception e) {
                throw new IllegalStateException("training job failed", e);
            }
        });
    }

    /** The id of the job submitted after {@code since} (epoch ms), waiting for its submission. */
    private static JobID jobSubmittedAfter(ClusterClient<?> client, long since) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            for (JobStatusMessage job : client.listJobs().get()) {
                if (job.getStartTime() >= since) {
                    return job.getJobId();
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no job submitted within 60 s");
    }

    /** The class name of the state backend a job runs on, from the REST API's checkpoint configuration. */
    private static String stateBackendOf(ClusterClient<?> client, JobID id) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(client.getWebInterfaceURL() + "/jobs/" + id + "/checkpoints/config")).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher backend = Pattern.compile("\"state_backend\"\\s*:\\s*\"(\\w+)\"").matcher(response.body());
        assertThat(backend.find()).as("state_backend in %s", response.body()).isTrue();
        return backend.group(1);
    }

    /**
     * Waits until the job's consumer group has committed {@code offset} on the examples topic: the source commits
     * at completed checkpoints, so every record before it has been processed and its events committed.
     */
    private static void awaitCommittedOffset(Topics topics, long offset) throws Exception {
        long deadline = System.currentTimeMillis() + 180_000;
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", KAFKA.bootstrapServers()))) {
            while (System.currentTimeMillis() < deadline) {
                OffsetAndMetadata committed = admin.listConsumerGroupOffsets(topics.name()).partitionsToOffsetAndMetadata()
                        .get().get(new TopicPartition(topics.examples(), 0));
                if (committed != null && committed.offset() >= offset) {
                    return;
                }
                Thread.sleep(500);
            }
        }
        throw new AssertionError("offset " + offset + " of " + topics.examples() + " not committed within 180 s");
    }

    /** The topics and consumer group of one run, so that runs on one broker do not mix. */
    private record Topics(String name) {
        static Topics create(String name) {
            Topics topics = new Topics(name);
            Stream.of(topics.examples(), topics.evaluationsTopic(), name + "-dead-letters", name + "-predictions")
                    .forEach(t -> KAFKA.createTopic(t, 1));
            return topics;
        }

        String examples() {
            return name + "-examples";
        }

        String evaluationsTopic() {
            return name + "-evaluations";
        }

        List<EvaluationEvent> evaluations() throws Exception {
            return TopicRecords.readAll(KAFKA.bootstrapServers(), evaluationsTopic(), IDLE,
                    EventCodec.of(EvaluationEvent.class)::decode);
        }

        /** The two-Gaussian-task job arguments on this run's topics and group, then {@code more}. */
        String[] job(StateBackendChoice backend, String... more) {
            List<String> args = new ArrayList<>(List.of(TwoGaussianTasks.trainingJob(KAFKA.bootstrapServers(), 10)));
            args.remove("--bounded");
            args.addAll(List.of("--examples-topic", examples(), "--evaluations-topic", evaluationsTopic(),
                    "--dead-letters-topic", name + "-dead-letters", "--predictions-topic", name + "-predictions",
                    "--group-id", name, "--state-backend", backend.flinkName(), "--restart-attempts", "0"));
            args.addAll(List.of(more));
            return args.toArray(String[]::new);
        }
    }
}
