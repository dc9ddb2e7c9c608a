package io.streamcl.loadgen.cli;

import io.streamcl.loadgen.kafka.ExampleProducer;
import io.streamcl.loadgen.kafka.Topics;
import org.apache.kafka.clients.producer.ProducerConfig;
import io.streamcl.loadgen.progress.ProgressListener;
import java.io.PrintWriter;
import io.streamcl.cli.DurationConverter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** Where examples go: broker, topic, topic creation and producer overrides. */
final class KafkaOptions {

    @Option(names = {"-b", "--bootstrap-servers"}, paramLabel = "HOST:PORT", defaultValue = "localhost:9092",
            description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}).")
    String bootstrapServers;

    @Option(names = {"-t", "--topic"}, paramLabel = "TOPIC", defaultValue = "examples", description = "Topic (default: ${DEFAULT-VALUE}).")
    String topic;

    @Option(names = "--create-topic", description = "Create the topic first if it does not exist.")
    boolean createTopic;

    @Option(names = "--partitions", paramLabel = "N", defaultValue = "1",
            description = "Partitions of a created topic (default: ${DEFAULT-VALUE}); a key's examples stay in order"
                    + " within its partition.")
    int partitions;

    @Option(names = "--replication-factor", paramLabel = "N", defaultValue = "1",
            description = "Replication factor of a created topic (default: ${DEFAULT-VALUE}).")
    short replicationFactor;

    @Option(names = "--kafka-timeout", paramLabel = "TIME", defaultValue = "30s", converter = DurationConverter.class,
            description = "How long to wait for the broker (topic creation, metadata, buffer space) before failing"
                    + " (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = {"-X", "--producer-property"}, paramLabel = "KEY=VALUE",
            description = "Kafka producer setting overriding loadgen's defaults (acks=all, linger.ms=20,"
                    + " batch.size=1048576, compression.type=lz4), repeatable.")
    Map<String, String> producerProperties = new LinkedHashMap<>();

    /** Creates the topic when asked, telling {@code out}. */
    void prepareTopic(PrintWriter out) {
        if (createTopic) {
            boolean created = Topics.ensureExists(bootstrapServers, topic, partitions, replicationFactor, timeout);
            out.println("loadgen: topic '" + topic + "' " + (created ? "created with " + partitions + " partition(s)"
                    : "already exists"));
        }
    }

    /** A producer with these settings. */
    ExampleProducer producer(double rate, ProgressListener progress, Duration progressInterval) {
        ExampleProducer.Builder b = ExampleProducer.builder(bootstrapServers, topic)
                .progress(progress).progressInterval(progressInterval)
                .setting(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        if (rate > 0) {
            b.rate(rate);
        }
        producerProperties.forEach(b::setting);
        return b.build();
    }
}
