package io.streamcl.jobs.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamcl.deploy.kafka.LocalKafkaExtension;
import io.streamcl.deploy.kafka.TopicRecords;
import io.streamcl.jobs.TwoGaussianTasks;
import io.streamcl.jobs.common.JobOptions;
import io.streamcl.jobs.common.Topics;
import io.streamcl.loadgen.ExampleStream;
import io.streamcl.schemas.DeadLetter;
import io.streamcl.schemas.DenseFeatures;
import io.streamcl.schemas.EvaluationEvent;
import io.streamcl.schemas.Example;
import io.streamcl.schemas.QuantizedFeatures;
import io.streamcl.schemas.Split;
import io.streamcl.schemas.codec.EventCodec;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.avro.io.BinaryData;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every kind of bad record we know of, mixed into a good two-task stream and run through the real training job
 * (real broker, MiniCluster): each must become a dead letter whose reason names the field where there is one,
 * and every good record must be trained. The examples topic allows 64 MB records, so a 40 MB record reaches the
 * job; its dead letter keeps the first 64 KiB, the full length and the SHA-256.
 */
class PoisonRecordsIT {
    private static final Duration IDLE = Duration.ofSeconds(3);
    private static final String KEY = "learner-0";
    private static final EventCodec<Example> CODEC = EventCodec.of(Example.class);

    @RegisterExtension
    static final LocalKafkaExtension KAFKA = new LocalKafkaExtension()
            .withTopics(Topics.EVALUATIONS, Topics.DEAD_LETTERS, Topics.PREDICTIONS);

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    /** One kind of bad record: its Kafka key and value, and what its dead letter's reason must contain. */
    private record Bad(String kind, byte[] key, byte[] value, String reason) {}

    @Test
    void everyKindOfBadRecordIsDeadLetteredWithAReasonAndEveryGoodRecordIsTrained() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", KAFKA.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(Topics.EXAMPLES, 1, (short) 1)
                    .configs(Map.of("max.message.bytes", Integer.toString(64 << 20))))).all().get();
        }
        List<Example> good = new ArrayList<>();
        try (ExampleStream stream = ExampleStream.of(KEY, TwoGaussianTasks.scenario())) {
            stream.forEachRemaining(good::add);
        }
        Example template = good.get(0);
        List<Bad> bad = badRecords(template);
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            for (Example e : good.subList(0, 1000)) {
                producer.send(new ProducerRecord<>(Topics.EXAMPLES, bytes(KEY), CODEC.encode(e)));
            }
            for (Bad b : bad) {
                producer.send(new ProducerRecord<>(Topics.EXAMPLES, b.key(), b.value())).get();
            }
            for (Example e : good.subList(1000, good.size())) {
                producer.send(new ProducerRecord<>(Topics.EXAMPLES, bytes(KEY), CODEC.encode(e)));
            }
        }

        List<String> args = new ArrayList<>(List.of(TwoGaussianTasks.trainingJob(KAFKA.bootstrapServers(), 1)));
        args.addAll(List.of("--set", "keys.max-learners=1"));
        TrainingJob.parse(args.toArray(String[]::new))
                .run(StreamExecutionEnvironment.getExecutionEnvironment(JobOptions.flinkConfiguration()));

        Map<Long, DeadLetter> letters = TopicRecords.readAll(KAFKA.bootstrapServers(), Topics.DEAD_LETTERS, IDLE,
                        EventCodec.of(DeadLetter.class)::decode).stream()
                .collect(Collectors.toMap(DeadLetter::getOffset, Function.identity()));
        System.out.println("| input kind | errorType | dead-letter reason |");
        System.out.println("|---|---|---|");
        for (int i = 0; i < bad.size(); i++) {
            DeadLetter letter = letters.get(1000L + i);
            System.out.printf("| %s | %s | %s |%n", bad.get(i).kind(), letter == null ? "-" : letter.getErrorType(),
                    letter == null ? "NOT DEAD-LETTERED" : letter.getReason().replace("|", "\\|"));
        }
        assertThat(letters.keySet()).as("exactly the bad records, at their offsets")
                .containsExactlyInAnyOrderElementsOf(offsets(1000, bad.size()));
        for (int i = 0; i < bad.size(); i++) {
            Bad b = bad.get(i);
            assertThat(letters.get(1000L + i).getReason()).as(b.kind()).contains(b.reason());
        }
        DeadLetter huge = letters.get(1000L + indexOf(bad, "40 MB record"));
        assertThat(huge.getTruncated()).isTrue();
        assertThat(huge.getValueLength()).isEqualTo(bad.get(indexOf(bad, "40 MB record")).value().length);
        assertThat(huge.getValue().remaining()).isEqualTo(64 * 1024);
        assertThat(huge.getValueSha256()).isEqualTo(ByteBuffer.wrap(
                MessageDigest.getInstance("SHA-256").digest(bad.get(indexOf(bad, "40 MB record")).value())));

        List<EvaluationEvent> events = TopicRecords.readAll(KAFKA.bootstrapServers(), Topics.EVALUATIONS, IDLE,
                EventCodec.of(EvaluationEvent.class)::decode);
        long trainExamples = good.stream().filter(e -> e.getSplit() == Split.TRAIN).count();
        EvaluationEvent last = events.get(events.size() - 1);
        assertThat(last.getExamplesSeen()).as("every good TRAIN example, but a last partial batch of < 16")
                .isBetween(trainExamples - 15, trainExamples);
        assertThat(last.getOnlineAccuracy()).isGreaterThan(0.8);
        assertThat(events).extracting(EvaluationEvent::getEvaluationSeq)
                .containsExactlyElementsOf(offsets(1, events.size()));
    }

    private static List<Bad> badRecords(Example template) throws Exception {
        byte[] valid = CODEC.encode(template);
        byte[] header = Arrays.copyOf(valid, 10);
        byte[] k = bytes(KEY);
        List<Bad> bad = new ArrayList<>();
        bad.add(new Bad("plain text", k, bytes("this is not avro"), "no Avro single-object header"));
        bad.add(new Bad("empty value", k, new byte[0], "the 0-byte record starts with nothing"));
        bad.add(new Bad("tombstone (null value)", k, null, "tombstone"));
        bad.add(new Bad("JSON", k, bytes("{\"key\":\"learner-0\"}"), "starts with 7B 22 6B 65"));
        bad.add(new Bad("19-byte record claiming a 1 GiB key", k, concat(header, varint(1L << 30), new byte[4]),
                "field 'key': length 1073741824 exceeds the limit of 256 bytes"));
        bad.add(new Bad("negative string length", k, concat(header, varint(-5), new byte[8]),
                "field 'key': negative length -5"));
        bad.add(new Bad("feature array claiming 2^28 floats", k,
                concat(header, new byte[] {2, 'k', 0, 0, 0, 0, 0}, varint(1L << 28), new byte[16]),
                "field 'features.values': 268435456 items exceed the limit of 16"));
        bad.add(new Bad("malformed varint", k, concat(header, new byte[] {2, 'k'}, repeat((byte) 0xFF, 11)),
                "field 'seq': malformed varint"));
        bad.add(new Bad("truncated record", k, Arrays.copyOf(valid, valid.length / 2), "field 'features"));
        bad.add(new Bad("trailing bytes", k, concat(valid, new byte[] {1, 2, 3}),
                "the record has 3 bytes after its last field"));
        byte[] foreign = valid.clone();
        foreign[9] ^= 0x55;
        bad.add(new Bad("unknown schema fingerprint", k, foreign, "unknown writer-schema fingerprint"));
        bad.add(new Bad("an EvaluationEvent on the examples topic", k, EventCodec.of(EvaluationEvent.class).encode(
                EvaluationEvent.newBuilder().setKey(KEY).setModelStep(1).setExamplesSeen(1).setEventTime(Instant.EPOCH)
                        .setConfigHash("x").build()), "unknown writer-schema fingerprint"));
        bad.add(new Bad("union branch out of range", k, splice(template, "features", 2),
                "field 'features': union branch 2 does not exist"));
        bad.add(new Bad("enum symbol out of range", k, splice(template, "split", 7),
                "field 'split': enum symbol 7 does not exist"));
        bad.add(example("NaN feature", template, e -> dense(e, 16, 3, Float.NaN), "features[3] must be finite, got NaN"));
        bad.add(example("infinite feature", template, e -> dense(e, 16, 0, Float.POSITIVE_INFINITY),
                "features[0] must be finite, got Infinity"));
        bad.add(example("15 features for a 16-input model", template, e -> dense(e, 15, 0, 0f),
                "features has 15 values, the model takes 16"));
        bad.add(example("17 features for a 16-input model", template, e -> dense(e, 17, 0, 0f),
                "field 'features.values': 17 items exceed the limit of 16"));
        bad.add(example("quantized features, 15 bytes", template, e -> e.setFeatures(QuantizedFeatures.newBuilder()
                .setValues(ByteBuffer.wrap(new byte[15])).setScale(1f).build()), "features has 15 values"));
        bad.add(example("quantized scale 0", template, e -> e.setFeatures(QuantizedFeatures.newBuilder()
                .setValues(ByteBuffer.wrap(new byte[16])).setScale(0f).build()), "features.scale must be positive"));
        bad.add(example("quantized offset NaN", template, e -> e.setFeatures(QuantizedFeatures.newBuilder()
                .setValues(ByteBuffer.wrap(new byte[16])).setScale(1f).setOffset(Float.NaN).build()),
                "features.offset must be finite, got NaN"));
        bad.add(example("label = classes", template, e -> e.setLabel(4), "label must be in [0, 4), got 4"));
        bad.add(example("negative label", template, e -> e.setLabel(-1), "label must be in [0, 4), got -1"));
        bad.add(example("negative taskId", template, e -> e.setTaskId(-3), "taskId must be >= 0, got -3"));
        bad.add(example("NaN target", template, e -> e.setTarget(Double.NaN), "target must be finite, got NaN"));
        bad.add(example("blank key", template, e -> e.setKey("  "), "key must not be blank"));
        bad.add(example("EVAL without label", template, e -> {
            e.setSplit(Split.EVAL);
            e.setLabel(null);
        }, "label is null, but split is EVAL"));
        Example longKey = Example.newBuilder(template).setKey("k".repeat(100_000)).build();
        bad.add(new Bad("100,000-character key (Kafka key too)", bytes(longKey.getKey()), CODEC.encode(longKey),
                "field 'key': length 100000 exceeds the limit of 256 bytes"));
        bad.add(example("a second learner key over keys.max-learners=1", template, e -> e.setKey("second-key"),
                "key 'second-key' would start learner 2 of this subtask, over the limit of keys.max-learners=1"));
        bad.add(new Bad("1,000,000-byte record (just under the broker's 1 MB default)", k,
                floats(header, 249_990), "field 'features.values': 249990 items exceed the limit of 16"));
        bad.add(new Bad("40 MB record", k, floats(header, 10_000_000),
                "field 'features.values': 10000000 items exceed the limit of 16"));
        bad.add(new Bad("40 MB of random bytes behind a valid header", k, randomAfter(header, 40 << 20),
                "field '"));
        return bad;
    }

    private static Bad example(String kind, Example template, Consumer<Example> change, String reason) {
        Example e = Example.newBuilder(template).build();
        change.accept(e);
        return new Bad(kind, bytes(e.getKey()), CODEC.encode(e), reason);
    }

    private static void dense(Example e, int count, int at, float value) {
        List<Float> values = new ArrayList<>(Collections.nCopies(count, 0.5f));
        if (at < count) {
            values.set(at, value);
        }
        e.setFeatures(DenseFeatures.newBuilder().setValues(values).build());
    }

    /** {@code template}'s bytes with the one-byte varint of {@code field} (split or features) set to {@code index}. */
    private static byte[] splice(Example template, String field, int index) {
        Example e = Example.newBuilder(template).setTaskId(null).setSplit(Split.TRAIN).build();
        byte[] bytes = CODEC.encode(e);
        // header, key (length + bytes), seq and eventTime varints, taskId null branch (0), split (0), features branch (0)
        int pos = 10;
        pos += 1 + e.getKey().length();
        pos = skipVarint(bytes, skipVarint(bytes, pos));
        pos += 1;
        bytes[field.equals("split") ? pos : pos + 1] = (byte) (index << 1);
        return bytes;
    }

    private static int skipVarint(byte[] bytes, int pos) {
        while (bytes[pos] < 0) {
            pos++;
        }
        return pos + 1;
    }

    /** A header, key "k", zeros up to the features, then a dense array of {@code count} floats. */
    private static byte[] floats(byte[] header, int count) {
        return concat(header, new byte[] {2, 'k', 0, 0, 0, 0, 0}, varint(count), new byte[count * 4], new byte[3]);
    }

    private static byte[] randomAfter(byte[] header, int size) {
        byte[] bytes = new byte[size];
        new Random(11).nextBytes(bytes);
        System.arraycopy(header, 0, bytes, 0, header.length);
        return bytes;
    }

    private static KafkaProducer<byte[], byte[]> producer() {
        Properties props = new Properties();
        props.put("bootstrap.servers", KAFKA.bootstrapServers());
        props.put("max.request.size", Integer.toString(64 << 20));
        props.put("buffer.memory", Long.toString(256L << 20));
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static int indexOf(List<Bad> bad, String kind) {
        for (int i = 0; i < bad.size(); i++) {
            if (bad.get(i).kind().equals(kind)) {
                return i;
            }
        }
        throw new IllegalArgumentException(kind);
    }

    private static List<Long> offsets(long from, int count) {
        List<Long> offsets = new ArrayList<>();
        for (long n = from; n < from + count; n++) {
            offsets.add(n);
        }
        return offsets;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] repeat(byte b, int count) {
        byte[] bytes = new byte[count];
        Arrays.fill(bytes, b);
        return bytes;
    }

    /** Avro's zig-zag varint of {@code value}, as a length or count claim. */
    private static byte[] varint(long value) {
        byte[] buffer = new byte[10];
        return Arrays.copyOf(buffer, BinaryData.encodeLong(value, buffer, 0));
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
