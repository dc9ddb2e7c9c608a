package io.streamcl.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamcl.deploy.kafka.LocalKafkaExtension;
import io.streamcl.deploy.kafka.TopicRecords;
import io.streamcl.schemas.AggregateMetrics;
import io.streamcl.schemas.EvaluationEvent;
import io.streamcl.schemas.EvaluationTrigger;
import io.streamcl.schemas.TaskMetrics;
import io.streamcl.schemas.codec.EventCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The format on real parts: evaluation events on a real Kafka broker, written both as the training job writes them
 * ({@code EventCodec}) and by a Flink SQL {@code INSERT}, then min-ACC per learner key queried with Flink SQL over
 * the {@code evaluations} DDL of docs/sql.md, in batch jobs on a local MiniCluster.
 */
class EvaluationsSqlIT {
    private static final EventCodec<EvaluationEvent> CODEC = EventCodec.of(EvaluationEvent.class);

    @RegisterExtension
    static final LocalKafkaExtension KAFKA = new LocalKafkaExtension().withTopic("evaluations", 2)
            .withTopics("evaluations-with-garbage");

    @Test
    void minAccPerKeyOverEventsFromTheJobsCodecAndFromSql() throws Exception {
        produce("evaluations", event("learner-a", 1, 0.90), event("learner-a", 2, 0.80), event("learner-a", 3, 0.75),
                event("learner-b", 1, 0.60), event("learner-b", 2, 0.65));
        TableEnvironment sql = TableEnvironment.create(EnvironmentSettings.inBatchMode());
        sql.executeSql(DocsDdl.table("evaluations").boundedOn(KAFKA.bootstrapServers()));
        // a table of only the columns a writer fills: every other field takes its schema default
        sql.executeSql("CREATE TABLE evaluation_writer (`key` STRING, modelStep BIGINT, examplesSeen BIGINT,"
                + " eventTime TIMESTAMP_LTZ(3), configHash STRING, evaluationSeq BIGINT,"
                + " aggregate ROW<minAccuracy DOUBLE>) WITH ('connector' = 'kafka', 'topic' = 'evaluations',"
                + " 'properties.bootstrap.servers' = '" + KAFKA.bootstrapServers() + "', 'key.format' = 'raw',"
                + " 'key.fields' = 'key', 'value.format' = 'streamcl-avro',"
                + " 'value.streamcl-avro.event' = 'EvaluationEvent', 'value.fields-include' = 'ALL')");
        sql.executeSql("INSERT INTO evaluation_writer VALUES"
                + " ('learner-c', 10, 320, TO_TIMESTAMP_LTZ(5000, 3), 'cfg', 1, ROW(0.5)),"
                + " ('learner-c', 20, 640, TO_TIMESTAMP_LTZ(6000, 3), 'cfg', 2, ROW(0.45))").await();

        Map<String, Double> latest = rows(sql, """
                SELECT `key`, minAcc FROM (
                  SELECT `key`, aggregate.minAccuracy AS minAcc,
                         ROW_NUMBER() OVER (PARTITION BY `key` ORDER BY evaluationSeq DESC) AS rn
                  FROM evaluations WHERE aggregate.minAccuracy IS NOT NULL)
                WHERE rn = 1""");
        assertThat(latest).containsExactlyInAnyOrderEntriesOf(
                Map.of("learner-a", 0.75, "learner-b", 0.65, "learner-c", 0.45));
        Map<String, Double> worst = rows(sql,
                "SELECT `key`, MIN(aggregate.minAccuracy) FROM evaluations GROUP BY `key`");
        assertThat(worst).containsExactlyInAnyOrderEntriesOf(
                Map.of("learner-a", 0.75, "learner-b", 0.60, "learner-c", 0.45));

        // what SQL wrote is what the jobs write: the same codec reads it, with the defaults filled in
        List<EvaluationEvent> written = TopicRecords.readAll(KAFKA.bootstrapServers(), "evaluations",
                Duration.ofSeconds(2), CODEC::decode);
        assertThat(written).filteredOn(e -> e.getKey().equals("learner-c")).hasSize(2).allSatisfy(e -> {
            assertThat(e.getTrigger()).isEqualTo(EvaluationTrigger.UNKNOWN);
            assertThat(e.getTasks()).isEmpty();
            assertThat(e.getAggregate().getAvgAccuracy()).isNull();
        });
        assertThat(TopicRecords.readAll(KAFKA.bootstrapServers(), "evaluations", Duration.ofSeconds(1)))
                .filteredOn(r -> new String(r.key(), StandardCharsets.UTF_8).equals("learner-c")).hasSize(2);
    }

    @Test
    void aRecordThatDoesNotDecodeFailsTheQueryUnlessParseErrorsAreIgnored() throws Exception {
        produce("evaluations-with-garbage", event("learner-a", 1, 0.9));
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            producer.send(new ProducerRecord<>("evaluations-with-garbage", "not avro".getBytes(StandardCharsets.UTF_8)));
        }
        produce("evaluations-with-garbage", event("learner-a", 2, 0.8));
        TableEnvironment sql = TableEnvironment.create(EnvironmentSettings.inBatchMode());
        String ddl = DocsDdl.table("evaluations").boundedOn(KAFKA.bootstrapServers())
                .replace("'topic' = 'evaluations'", "'topic' = 'evaluations-with-garbage'");
        sql.executeSql(ddl);
        assertThatThrownBy(() -> rows(sql, "SELECT `key`, MIN(aggregate.minAccuracy) FROM evaluations GROUP BY `key`"))
                .hasStackTraceContaining("a record is not a EvaluationEvent: no Avro single-object header")
                .hasStackTraceContaining("'streamcl-avro.ignore-parse-errors' = 'true'");
        sql.executeSql("ALTER TABLE evaluations SET ('value.streamcl-avro.ignore-parse-errors' = 'true')");
        assertThat(rows(sql, "SELECT `key`, MIN(aggregate.minAccuracy) FROM evaluations GROUP BY `key`"))
                .containsExactlyEntriesOf(Map.of("learner-a", 0.8));
    }

    private static EvaluationEvent event(String key, long seq, double minAccuracy) {
        AggregateMetrics aggregate = AggregateMetrics.newBuilder().setAvgAccuracy(minAccuracy + 0.1)
                .setMinAccuracy(minAccuracy).build();
        return EvaluationEvent.newBuilder().setKey(key).setModelStep(seq * 10).setExamplesSeen(seq * 320)
                .setEventTime(Instant.ofEpochMilli(1_000 * seq)).setConfigHash("cfg").setEvaluationSeq(seq)
                .setTrigger(EvaluationTrigger.PERIODIC).setAggregate(aggregate)
                .setTasks(List.of(TaskMetrics.newBuilder().setTaskId(0).setSamples(100).setAccuracy(0.9).build()))
                .build();
    }

    private static void produce(String topic, EvaluationEvent... events) {
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            for (EvaluationEvent e : events) {
                producer.send(new ProducerRecord<>(topic, e.getKey().getBytes(StandardCharsets.UTF_8),
                        CODEC.encode(e)));
            }
        }
    }

    private static KafkaProducer<byte[], byte[]> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** A two-column query's result as key to value. */
    private static Map<String, Double> rows(TableEnvironment sql, String query) throws Exception {
        Map<String, Double> out = new HashMap<>();
        try (CloseableIterator<Row> rows = sql.executeSql(query).collect()) {
            rows.forEachRemaining(r -> out.put((String) r.getField(0), (Double) r.getField(1)));
        }
        return out;
    }
}
