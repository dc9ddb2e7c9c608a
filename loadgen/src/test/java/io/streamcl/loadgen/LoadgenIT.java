package io.streamcl.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamcl.deploy.kafka.LocalKafkaExtension;
import io.streamcl.loadgen.file.AvroExampleFile;
import io.streamcl.loadgen.images.RequiresFashionMnist;
import io.streamcl.loadgen.kafka.ExampleProducer;
import io.streamcl.loadgen.kafka.Topics;
import io.streamcl.loadgen.progress.Progress;
import io.streamcl.loadgen.progress.ThroughputReport;
import io.streamcl.loadgen.synthetic.GaussianClusters;
import io.streamcl.schemas.Example;
import io.streamcl.schemas.QuantizedFeatures;
import io.streamcl.schemas.Split;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** * Produces to a real Kafka broker (started from Maven-resolved jars) and reads the records back. */
class LoadgenIT {

    @RegisterExtension
    static final LocalKafkaExtension KAFKA = new LocalKafkaExtension().withTopics("examples", "stopped")
            .withTopic("fanned-out", 3);

    private static final Clock FIXED = Clock.fixed(Instant.parse("2025-03-01T10:00:00Z"), ZoneOffset.UTC);

    private static final Scenario GAUSSIAN = Scenario.of(GaussianClusters.defaults().withTasks(3),
            StreamPlan.defaults().withSeed(3).withExamplesPerTask(1_000));

    @Test
    void producedExamplesComeBackByteForByteWithKeyAndTimestamp() throws Exception {
        List<Example> expected = new ArrayList<>();
        ExampleStream.of(List.of("sgd", "adam"), KeyMode.REPLICATED, GAUSSIAN, FIXED).forEachRemaining(expected::add);
        List<Progress> progress = new CopyOnWriteArrayList<>();

        ThroughputReport report;
        try (ExampleProducer producer = ExampleProducer.builder(KAFKA.bootstrapServers(), "examples")
                .progress(progress::add).progressInterval(Duration.ofMillis(1)).build()) {
            report = producer.send(ExampleStream.of(List.of("sgd", "adam"), KeyMode.REPLICATED, GAUSSIAN, FIXED));
        }

        assertThat(report.examples()).isEqualTo(6_000);
        assertThat(report.stopped()).isFalse();
        assertThat(progress).isNotEmpty().last().extracting(Progress::examples).isEqualTo(6_000L);
        List<ConsumerRecord<String, byte[]>> records = TopicReader.read(KAFKA.bootstrapServers(), "examples", 6_000);
        for (int i = 0; i < records.size(); i++) {
            ConsumerRecord<String, byte[]> record = records.get(i);
            Example example = WireFormat.decode(record.value());
            assertThat(example).isEqualTo(expected.get(i));
            assertThat(record.key()).isEqualTo(example.getKey());
            assertThat(record.timestamp()).isEqualTo(FIXED.millis());
            // The generated class's own single-object encoding reads the same bytes.
            assertThat(Example.getDecoder().decode(record.value())).isEqualTo(example);
        }
    }

    @Test
    @RequiresFashionMnist
    void cliProducesFashionMnistToACreatedTopicWithKeysPerPartition() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int status = LoadgenCli.run(new PrintWriter(out, true), new PrintWriter(err, true), "produce",
                "--scenario", "split", "--key-count", "3", "--total", "3000", "--rate", "5000",
                "--bootstrap-servers", KAFKA.bootstrapServers(), "--topic", "fashion", "--create-topic",
                "--partitions", "2", "--progress-interval", "200ms");

        assertThat(status).as(err.toString()).isZero();
        assertThat(err.toString()).contains("topic 'fashion' created with 2 partition(s)", "ex/s", "ETA");
        assertThat(out.toString()).startsWith("produced 3,000 examples");
        List<ConsumerRecord<String, byte[]>> records = TopicReader.read(KAFKA.bootstrapServers(), "fashion", 3_000);
        for (ConsumerRecord<String, byte[]> record : records) {
            Example e = WireFormat.decode(record.value());
            assertThat(record.key()).isEqualTo(e.getKey()); // StringDeserializer: UTF-8
            assertThat(e.getTaskId()).isZero();
            assertThat(e.getLabel()).isIn(0, 1);
            QuantizedFeatures pixels = (QuantizedFeatures) e.getFeatures();
            assertThat(pixels.getValues().remaining()).isEqualTo(784);
            assertThat(pixels.getScale()).isEqualTo(1f / 255f);
        }
        // Each key's examples arrive in sequence order, whichever partition the key hashes to.
        for (String key : List.of("learner-0", "learner-1", "learner-2")) {
            assertThat(records.stream().filter(r -> r.key().equals(key)).map(r -> WireFormat.decode(r.value()).getSeq()))
                    .isSorted().hasSize(1_000);
        }
    }

    @Test
    @RequiresFashionMnist
    void aWrittenFileReplaysToKafka(@TempDir Path dir) {
        Path file = dir.resolve("permuted.avro");
        StringWriter sink = new StringWriter();
        PrintWriter quiet = new PrintWriter(sink, true);
        assertThat(LoadgenCli.run(quiet, quiet, "write", "--scenario", "permuted", "--tasks", "3",
                "--examples-per-task", "400", "--output", file.toString(), "-q")).as(sink.toString()).isZero();

        int status = LoadgenCli.run(quiet, quiet, "replay", "--input", file.toString(), "--keep-event-time",
                "--bootstrap-servers", KAFKA.bootstrapServers(), "--topic", "replayed", "--create-topic", "-q");

        assertThat(status).as(sink.toString()).isZero();
        List<Example> written = new ArrayList<>();
        try (ExampleStream stream = AvroExampleFile.read(file)) {
            stream.forEachRemaining(written::add);
        }
        List<Example> replayed = TopicReader.read(KAFKA.bootstrapServers(), "replayed", 1_200).stream()
                .map(r -> WireFormat.decode(r.value())).toList();
        assertThat(replayed).isEqualTo(written);
    }

    @Test
    void stopEndsASendAndEverySentExampleIsAcknowledged() throws Exception {
        Scenario endless = Scenario.of(GaussianClusters.defaults().withTasks(1), StreamPlan.defaults()
                .withExamplesPerTask(10_000_000));
        try (ExampleProducer producer = ExampleProducer.builder(KAFKA.bootstrapServers(), "stopped").rate(2_000).build()) {
            CompletableFuture<ThroughputReport> sending =
                    CompletableFuture.supplyAsync(() -> producer.send(ExampleStream.of("k", endless)));
            Thread.sleep(1_000);
            producer.stop();
            ThroughputReport report = sending.get(30, TimeUnit.SECONDS);

            assertThat(report.stopped()).isTrue();
            assertThat(report.examples()).isPositive().isLessThan(10_000_000);
            assertThat(TopicReader.read(KAFKA.bootstrapServers(), "stopped", report.examples()))
                    .extracting(r -> WireFormat.decode(r.value()).getSplit()).contains(Split.TRAIN);
        }
    }

    @Test
    void topicCreationIsIdempotent() {
        assertThat(Topics.ensureExists(KAFKA.bootstrapServers(), "twice", 1, (short) 1, Duration.ofSeconds(30))).isTrue();
        assertThat(Topics.ensureExists(KAFKA.bootstrapServers(), "twice", 1, (short) 1, Duration.ofSeconds(30))).isFalse();
    }
}
