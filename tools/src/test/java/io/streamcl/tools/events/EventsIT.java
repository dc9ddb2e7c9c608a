package io.streamcl.tools.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamcl.deploy.kafka.LocalKafkaExtension;
import io.streamcl.schemas.EvaluationEvent;
import io.streamcl.schemas.Example;
import io.streamcl.schemas.DenseFeatures;
import io.streamcl.schemas.Split;
import io.streamcl.schemas.codec.EventCodec;
import io.streamcl.tools.StreamclTools;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The events command against a real broker, and on an Avro container file. */
class EventsIT {
    @RegisterExtension
    static final LocalKafkaExtension KAFKA = new LocalKafkaExtension()
            .withTopics("evaluations", "mixed", "transactional", "followed");

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void dumpsEveryReleasedVersionAndNamesTheOffsetOfAnUndecodableRecord() throws Exception {
        byte[] v1;
        try (InputStream in = EventsIT.class.getResourceAsStream("/v1/EvaluationEvent.bin")) {
            v1 = in.readAllBytes();
        }
        produce("evaluations", null,
                encode(SampleEvents.evaluation("a", 10, 0, 0.9)),
                "not avro".getBytes(StandardCharsets.UTF_8),
                v1,
                encode(SampleEvents.evaluation("a", 20, 1, 0.6, 0.3)));

        Run run = run("events", "--bootstrap-servers", KAFKA.bootstrapServers(), "--topic", "evaluations",
                "--with-position");

        assertThat(run.status).isEqualTo(StreamclTools.UNDECODABLE);
        List<JsonNode> lines = run.jsonLines();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0).get("position").asText()).isEqualTo("evaluations-0@0");
        assertThat(lines.get(0).get("modelStep").asLong()).isEqualTo(10);
        assertThat(lines.get(1).get("position").asText()).isEqualTo("evaluations-0@1");
        assertThat(lines.get(1).get("error").asText()).contains("no Avro single-object header");
        assertThat(lines.get(2).get("key").asText()).isEqualTo("stream-a");
        assertThat(lines.get(2).get("modelStep").asLong()).isEqualTo(1000);
        assertThat(lines.get(3).get("tasks").get(1).get("accuracy").asDouble()).isEqualTo(0.3);
        assertThat(run.err).contains("1 of 4 records did not decode");
    }

    @Test
    void csvHasOneHeaderAndReportsAnotherEventTypeOnStderr() throws Exception {
        produce("mixed", null,
                encode(SampleEvents.evaluation("k", 1, 0, 0.25)),
                EventCodec.of(Example.class).encode(Example.newBuilder().setKey("k").setSeq(1)
                        .setEventTime(Instant.EPOCH).setSplit(Split.TRAIN)
                        .setFeatures(DenseFeatures.newBuilder().setValues(List.of(1f, 2f)).build()).build()),
                encode(SampleEvents.evaluation("k", 2, 0, 0.5)));

        Run run = run("events", "--bootstrap-servers", KAFKA.bootstrapServers(), "--topic", "mixed",
                "--format", "csv");

        assertThat(run.status).isEqualTo(StreamclTools.UNDECODABLE);
        List<String> lines = run.out.lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).startsWith("key,modelStep,");
        assertThat(lines.get(1)).startsWith("k,1,32,");
        assertThat(lines.get(2)).startsWith("k,2,64,");
        assertThat(run.err).contains("record at mixed-0@1 does not decode");
    }

    @Test
    void showsOnlyCommittedTransactions() throws Exception {
        Properties props = producerProps();
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "events-it");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("transactional", encode(SampleEvents.evaluation("k", 1, 0, 0.1))));
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("transactional", encode(SampleEvents.evaluation("k", 2, 0, 0.2))));
            producer.commitTransaction();
        }

        Run run = run("events", "--bootstrap-servers", KAFKA.bootstrapServers(), "--topic", "transactional");

        assertThat(run.status).isZero();
        assertThat(run.jsonLines()).extracting(j -> j.get("modelStep").asLong()).containsExactly(2L);
    }

    @Test
    void followsNewRecordsFromTheEnd() throws Exception {
        produce("followed", null, encode(SampleEvents.evaluation("old", 1, 0, 0.1)));
        CompletableFuture<Run> following = CompletableFuture.supplyAsync(() -> run("events",
                "--bootstrap-servers", KAFKA.bootstrapServers(), "--topic", "followed", "--from", "latest",
                "--follow", "--limit", "2"));
        Thread.sleep(3000); // the consumer has found the end before the new records arrive
        produce("followed", null, encode(SampleEvents.evaluation("new", 2, 0, 0.2)),
                encode(SampleEvents.evaluation("new", 3, 0, 0.3)));

        Run run = following.get(60, TimeUnit.SECONDS);

        assertThat(run.status).isZero();
        assertThat(run.jsonLines()).extracting(j -> j.get("key").asText()).containsExactly("new", "new");
    }

    @Test
    void readsAnAvroContainerFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("evaluations.avro");
        try (DataFileWriter<EvaluationEvent> writer = new DataFileWriter<>(new SpecificDatumWriter<>(EvaluationEvent.class))) {
            writer.create(EvaluationEvent.getClassSchema(), file.toFile());
            writer.append(SampleEvents.evaluation("f", 5, 0, 0.5));
            writer.append(SampleEvents.evaluation("f", 6, 0, 0.6));
        }

        Run run = run("events", "--file", file.toString(), "--format", "csv", "--with-position");

        assertThat(run.status).isZero();
        assertThat(run.out.lines().toList()).hasSize(3).element(2).asString().startsWith("evaluations.avro#1,f,6,");
    }

    @Test
    void namesAMissingTopic() {
        Run run = run("events", "--bootstrap-servers", KAFKA.bootstrapServers(), "--topic", "no-such-topic");

        assertThat(run.status).isEqualTo(StreamclTools.RUN_ERROR);
        assertThat(run.err).contains("topic 'no-such-topic' does not exist");
    }

    private static byte[] encode(EvaluationEvent event) {
        return EventCodec.of(EvaluationEvent.class).encode(event);
    }

    private static void produce(String topic, byte[] key, byte[]... values) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps())) {
            for (byte[] value : values) {
                producer.send(new ProducerRecord<>(topic, key, value)).get();
            }
        }
    }

    private static Properties producerProps() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return props;
    }

    /** Runs the tools in this JVM and captures their output. */
    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = StreamclTools.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(status, out.toString(), err.toString());
    }

    record Run(int status, String out, String err) {
        List<JsonNode> jsonLines() {
            return out.lines().map(line -> {
                try {
                    return JSON.readTree(line);
                } catch (Exception e) {
                    throw new AssertionError("not JSON: " + line, e);
                }
            }).toList();
        }
    }
}
