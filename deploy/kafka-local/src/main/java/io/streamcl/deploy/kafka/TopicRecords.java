package io.streamcl.deploy.kafka;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads back all a topic holds, for tests that check what a job wrote, e.g.
 * {@code TopicRecords.readAll(kafka.bootstrapServers(), "evaluations", Duration.ofSeconds(3), codec::decode)}.
 */
public final class TopicRecords {

    private static final Duration POLL = Duration.ofMillis(200);

    private TopicRecords() {
    }

    /**
     * The records of {@code topic} from its beginning, in each partition's order, read until none has arrived for
     * {@code idle}.
     *
     * <p>Only what committed transactions wrote is returned ({@code read_committed}), as a consumer downstream of an
     * exactly-once sink sees it. Every call reads from the beginning: its consumer group is new and commits nothing.
     */
    public static List<ConsumerRecord<byte[], byte[]>> readAll(String bootstrapServers, String topic, Duration idle) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "streamcl-topic-records-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long idleSince = System.nanoTime();
            while (System.nanoTime() - idleSince < idle.toNanos()) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    records.add(record);
                    idleSince = System.nanoTime();
                }
            }
        }
        return records;
    }

    /** The values of {@link #readAll(String, String, Duration)}, each decoded. */
    public static <T> List<T> readAll(String bootstrapServers, String topic, Duration idle, Decoder<T> decoder)
            throws IOException {
        List<T> values = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : readAll(bootstrapServers, topic, idle)) {
            values.add(decoder.decode(record.value()));
        }
        return values;
    }

    /**
     * Turns a record's value into an object, e.g. {@code EventCodec::decode}.
     *
     * @param <T> what the values are
     */
    @FunctionalInterface
    public interface Decoder<T> {

        /** Decodes one value. */
        T decode(byte[] value) throws IOException;
    }
}
