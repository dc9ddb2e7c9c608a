package io.streamcl.tools.events;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads every partition of one topic without a consumer group (nothing is committed, other readers are not
 * disturbed), with {@code isolation.level=read_committed} so only the committed output of the exactly-once jobs
 * appears. Without follow it stops at the offsets that were the end when it started.
 */
public final class KafkaEventSource implements EventSource {
    /** Where reading starts. */
    public enum Start { EARLIEST, LATEST }

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final String bootstrapServers;
    private final String topic;
    private final Start start;
    private final boolean follow;
    private final TopicDecoder decoder;

    /** A source over {@code topic}; {@code type} empty detects the event type from the records. */
    public KafkaEventSource(String bootstrapServers, String topic, Start start, boolean follow,
            Optional<EventType> type) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "15000");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        this.consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.start = start;
        this.follow = follow;
        this.decoder = new TopicDecoder(topic, type);
    }

    @Override
    public void readInto(EventSink sink, long limit) throws IOException {
        List<TopicPartition> partitions = partitions();
        consumer.assign(partitions);
        if (start == Start.EARLIEST) {
            consumer.seekToBeginning(partitions);
        } else {
            consumer.seekToEnd(partitions);
        }
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        long read = 0;
        try {
            while (read < limit && (follow || !reached(end))) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    deliver(record, sink);
                    if (++read >= limit) {
                        return;
                    }
                }
            }
        } catch (WakeupException e) {
            // stop() from another thread (Ctrl-C while following): a normal end.
        }
    }

    private List<TopicPartition> partitions() throws IOException {
        try {
            List<PartitionInfo> infos = consumer.partitionsFor(topic);
            if (infos == null || infos.isEmpty()) {
                throw new IOException("topic '" + topic + "' does not exist at " + bootstrapServers);
            }
            return infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        } catch (TimeoutException e) {
            throw new IOException("cannot reach Kafka at " + bootstrapServers + " (--bootstrap-servers): "
                    + e.getMessage(), e);
        }
    }

    private boolean reached(Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }

    private void deliver(ConsumerRecord<byte[], byte[]> record, EventSink sink) {
        String position = record.topic() + "-" + record.partition() + "@" + record.offset();
        try {
            SpecificRecordBase event = decoder.decode(record.value());
            sink.event(position, decoder.type().orElseThrow(), event);
        } catch (IOException e) {
            sink.undecodable(position, e.getMessage());
        }
    }

    @Override
    public void stop() {
        consumer.wakeup();
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
