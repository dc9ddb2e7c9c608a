package io.streamcl.jobs.common;

import io.streamcl.flink.serde.KafkaRecord;
import java.time.Duration;
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
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The command-line options every Kafka-fed StreamCL job shares (a picocli mixin): the broker, where to start
 * reading and whether to stop, checkpoints and parallelism; and the sources and exactly-once sinks they imply.
 */
public final class JobOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--bootstrap-servers", defaultValue = "localhost:9092", description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}).")
    String bootstrap;

    @Option(names = "--from", defaultValue = "committed", description = "Where to start reading: earliest, latest, or committed (the group's offsets, else earliest). Default: ${DEFAULT-VALUE}.")
    String from;

    @Option(names = "--bounded", description = "Stop after the offsets that were latest at start (demo, tests, benchmarks).")
    boolean bounded;

    @Option(names = "--checkpoint-interval", defaultValue = "PT10S", description = "Checkpoint interval, ISO-8601 (default: ${DEFAULT-VALUE}); exactly-once output is visible after each checkpoint.")
    Duration checkpointInterval;

    @Option(names = "--parallelism", defaultValue = "1", description = "Job parallelism (default: ${DEFAULT-VALUE}).")
    int parallelism;

    /** Flink settings every StreamCL job runs with: no silent fallback to Kryo. */
    public static Configuration flinkConfiguration() {
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        return conf;
    }

    /** Sets parallelism and exactly-once checkpointing on {@code env}. */
    public void configure(StreamExecutionEnvironment env) {
        env.setParallelism(parallelism);
        env.enableCheckpointing(checkpointInterval.toMillis());
    }

    /** Raw records of {@code topic}, read as consumer group {@code groupId}. */
    public KafkaSource<KafkaRecord> source(String topic, String groupId) {
        return KafkaIo.rawSource(bootstrap, topic, groupId, startingOffsets(), bounded);
    }

    /** An exactly-once sink of {@code type} to {@code topic}; transactional ids start with the group and the name. */
    public <T extends SpecificRecordBase> KafkaSink<T> sink(Class<T> type, String topic,
            SerializableFunction<T, String> key, String groupId, String name) {
        return KafkaIo.exactlyOnceSink(bootstrap, type, topic, key, "streamcl-" + groupId + "-" + name);
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
