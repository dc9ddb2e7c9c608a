package io.streamcl.jobs.common;

import io.streamcl.flink.serde.AvroKafkaSerializer;
import io.streamcl.flink.serde.KafkaRecord;
import io.streamcl.flink.serde.KafkaRecordCapture;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.util.function.SerializableFunction;

/** Builds the Kafka sources and exactly-once sinks the jobs use. */
public final class KafkaIo {
    private KafkaIo() {}

    /**
     * A source of raw records from {@code topic}; with {@code bounded} it stops at the offsets that were latest
     * when the job started (for the demo, tests and benchmarks), otherwise it runs forever. {@code client} holds
     * extra consumer properties (security settings); the ones set here win.
     */
    public static KafkaSource<KafkaRecord> rawSource(String bootstrap, Properties client, String topic,
            String groupId, OffsetsInitializer start, boolean bounded) {
        KafkaSourceBuilder<KafkaRecord> builder = KafkaSource.<KafkaRecord>builder()
                .setProperties(client)
                .setBootstrapServers(bootstrap)
                .setTopics(topic)
                .setGroupId(groupId)
                .setStartingOffsets(start)
                .setDeserializer(new KafkaRecordCapture())
                .setProperty("isolation.level", "read_committed");
        if (bounded) {
            builder.setBounded(OffsetsInitializer.latest());
        }
        return builder.build();
    }

    /**
     * An exactly-once (transactional) sink of Avro events; records become visible when a checkpoint commits.
     * {@code client} holds extra producer properties (security settings); the ones set here win.
     */
    public static <T extends SpecificRecordBase> KafkaSink<T> exactlyOnceSink(String bootstrap, Properties client,
            Class<T> type, String topic, SerializableFunction<T, String> key, String transactionalIdPrefix) {
        return KafkaSink.<T>builder()
                .setKafkaProducerConfig(client)
                .setBootstrapServers(bootstrap)
                .setRecordSerializer(new AvroKafkaSerializer<>(type, topic, key))
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(transactionalIdPrefix)
                .setProperty("transaction.timeout.ms", "900000")
                .build();
    }
}
