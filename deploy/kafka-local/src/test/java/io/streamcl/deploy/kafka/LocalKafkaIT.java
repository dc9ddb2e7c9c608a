package io.streamcl.deploy.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestClassOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

@TestClassOrder(ClassOrderer.OrderAnnotation.class)
class LocalKafkaIT {

    @RegisterExtension
    static final LocalKafkaExtension KAFKA = new LocalKafkaExtension()
            .withTopics("examples")
            .withTopic("evaluations", 3);

    @Test
    void theExtensionStartedARealBrokerWithItsTopics() {
        assertThat(KAFKA.bootstrapServers()).startsWith("127.0.0.1:");
        assertThat(KAFKA.kafka().isRunning()).isTrue();
        assertThat(KAFKA.kafka().topics()).contains("examples", "evaluations");
    }

    @Test
    void recordsRoundTripThroughAConsumerGroup() throws Exception {
        KAFKA.createTopic("round-trip", 2);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig(Map.of()))) {
            for (int i = 0; i < 5; i++) {
                producer.send(new ProducerRecord<>("round-trip", "key-" + i, "value-" + i)).get();
            }
        }

        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig("read_uncommitted"))) {
            consumer.subscribe(List.of("round-trip"));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (values.size() < 5 && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> values.add(r.value()));
            }
            consumer.commitSync(); // needs the offsets topic, i.e. its replication factor of 1
        }

        assertThat(values).containsExactlyInAnyOrder("value-0", "value-1", "value-2", "value-3", "value-4");
    }

    @Test
    void aTransactionalProducerCommitsAndAborts() {
        KAFKA.createTopic("transactions", 1);
        Map<String, Object> transactional = Map.of(
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "it-" + UUID.randomUUID(),
                // what Flink's exactly-once sink asks for: above the broker's default maximum of 15 min
                ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, (int) Duration.ofHours(1).toMillis());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig(transactional))) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("transactions", "committed-1"));
            producer.send(new ProducerRecord<>("transactions", "committed-2"));
            producer.commitTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("transactions", "aborted"));
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("transactions", "committed-3"));
            producer.commitTransaction();
        }

        assertThat(readCommitted("transactions", 3)).containsExactly("committed-1", "committed-2", "committed-3");
    }

    @Test
    void topicRecordsReadsAllThatWasCommittedFromTheBeginningEveryTime() throws Exception {
        KAFKA.createTopic("read-back", 2);
        Map<String, Object> transactional = Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "it-" + UUID.randomUUID());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig(transactional))) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("read-back", "a", "committed-1"));
            producer.send(new ProducerRecord<>("read-back", "b", "committed-2"));
            producer.commitTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("read-back", "a", "aborted"));
            producer.abortTransaction();
        }

        for (int read = 0; read < 2; read++) {
            assertThat(TopicRecords.readAll(KAFKA.bootstrapServers(), "read-back", Duration.ofSeconds(1),
                    value -> new String(value, StandardCharsets.UTF_8)))
                    .containsExactlyInAnyOrder("committed-1", "committed-2");
        }
    }

    @Test
    void createTopicIsIdempotent() {
        KAFKA.createTopic("twice", 2);
        KAFKA.createTopic("twice", 2);

        assertThat(KAFKA.kafka().topics()).contains("twice");
    }

    @Nested
    @Order(1)
    class FirstNestedClass {
        @Test
        void seesTheOuterBroker() {
            assertThat(KAFKA.kafka().isRunning()).isTrue();
        }
    }

    @Nested
    @Order(2)
    class SecondNestedClass {
        @Test
        void theFirstNestedClassDidNotStopIt() {
            assertThat(KAFKA.kafka().isRunning()).isTrue();
            assertThat(KAFKA.kafka().topics()).contains("examples");
        }
    }

    private static List<String> readCommitted(String topic, int expected) {
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig("read_committed"))) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (values.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
            }
            // anything that arrives after the expected records would be an aborted one leaking through
            consumer.poll(Duration.ofMillis(500)).forEach(r -> values.add(r.value()));
        }
        return values;
    }

    private static Properties producerConfig(Map<String, Object> extra) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.putAll(extra);
        return p;
    }

    private static Properties consumerConfig(String isolation) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return p;
    }
}
