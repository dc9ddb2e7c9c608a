package io.streamcl.flink.serde;

import io.streamcl.schemas.codec.EventCodec;
import java.nio.charset.StandardCharsets;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.util.function.SerializableFunction;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Writes events of one type to one topic in Avro single-object encoding, keyed by a string taken from the event. */
public final class AvroKafkaSerializer<T extends SpecificRecordBase> implements KafkaRecordSerializationSchema<T> {
    private final Class<T> type;
    private final String topic;
    private final SerializableFunction<T, String> key;
    private transient EventCodec<T> codec;

    public AvroKafkaSerializer(Class<T> type, String topic, SerializableFunction<T, String> key) {
        this.type = type;
        this.topic = topic;
        this.key = key;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(T event, KafkaSinkContext context, Long timestamp) {
        if (codec == null) {
            codec = EventCodec.of(type);
        }
        String k = key.apply(event);
        // Long.MAX_VALUE is Flink's end of time (records emitted by a timer that the final watermark fired), not an
        // instant: the broker rejects it, so such records take the producer's clock like records without timestamp.
        return new ProducerRecord<>(topic, null, timestamp == null || timestamp == Long.MAX_VALUE ? null : timestamp,
                k == null ? null : k.getBytes(StandardCharsets.UTF_8), codec.encode(event));
    }
}
