package io.streamcl.jobs;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Writes records of crafted bytes to a topic, for tests that feed a job input of their own (bad input included). */
public final class RawRecords {
    private RawRecords() {}

    /** Sends {@code values} in order under one key, so they land in one partition in that order. */
    public static void send(String bootstrap, String topic, String key, List<byte[]> values) throws Exception {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (byte[] value : values) {
                producer.send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value));
            }
            producer.flush();
        }
    }
}
