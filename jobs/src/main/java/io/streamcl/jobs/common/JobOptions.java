package io.streamcl.jobs.common;

import io.streamcl.flink.serde.KafkaRecord;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.function.SerializableFunction;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The command-line options every Kafka-fed StreamCL job shares (a picocli mixin): how to reach Kafka, where to
 * start reading and whether to stop, how to run on the cluster; and the sources and exactly-once sinks they imply.
 */
public final class JobOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--from", defaultValue = "committed", description = "Where to start reading: earliest, latest, or committed (the group's offsets, else earliest). Default: ${DEFAULT-VALUE}.")
    String from;

    @Option(names = "--bounded", description = "Stop after the offsets that were latest at start (demo, tests, benchmarks).")
    boolean bounded;

    @Mixin
    ClusterOptions cluster;

    /** Flink settings every StreamCL job runs with: no silent fallback to Kryo. */
    public static Configuration flinkConfiguration() {
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        return conf;
    }

    /**
     * Applies the cluster options to {@code env} and checks, before anything is submitted, that the checkpoint
     * directory is writable and Kafka answers; a failure is a {@link JobStartupException} naming the setting.
     */
    public void configure(StreamExecutionEnvironment env) {
        startingOffsets();
        cluster.configure(env);
        kafka.requireReachable();
    }

    /** Raw records of {@code topic}, read as consumer group {@code groupId}. */
    public KafkaSource<KafkaRecord> source(String topic, String groupId) {
        return KafkaIo.rawSource(kafka.bootstrapServers(), kafka.clientProperties(), topic, groupId,
                startingOffsets(), bounded);
    }

    /** An exactly-once sink of {@code type} to {@code topic}; transactional ids start with the group and the name. */
    public <T extends SpecificRecordBase> KafkaSink<T> sink(Class<T> type, String topic,
            SerializableFunction<T, String> key, String groupId, String name) {
        return KafkaIo.exactlyOnceSink(kafka.bootstrapServers(), kafka.clientProperties(), type, topic, key,
                "streamcl-" + groupId + "-" + name);
    }

    private OffsetsInitializer startingOffsets() {
        return switch (from) {
            case "earliest" -> OffsetsInitializer.earliest();
            case "latest" -> OffsetsInitializer.latest();
            case "committed" -> OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST);
            default -> throw new CommandLine.ParameterException(spec.commandLine(),
                    "--from must be earliest, latest or committed, got '" + from + "'");
        };
    }
}
