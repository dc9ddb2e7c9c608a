package io.streamcl.schemas.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.streamcl.schemas.DenseFeatures;
import io.streamcl.schemas.Example;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.avro.io.BinaryData;
import org.apache.avro.specific.SpecificRecordBase;
import org.junit.jupiter.api.Test;

/**
 * Decodes random mutations of valid records of every event type on a small heap (its own surefire execution runs
 * it with {@code -Xmx256m}): each must decode or be rejected with an {@link IOException}, and no rejection may be
 * an allocation failure caught after the fact, since the wire check should have refused the claim before Avro
 * allocated for it.
 */
class EventCodecFuzzTest {
    private static final int MUTATIONS_PER_RECORD = 20_000;
    /** Lengths and counts a mutated varint claims: around 2^30 (the 19-byte OOM record), 2^62, int overflow, -1. */
    private static final long[] CLAIMS = {1L << 30, (1L << 30) - 1, 1L << 62, Integer.MAX_VALUE, -1, 1L << 20};

    @Test
    void randomMutationsOfEveryEventTypeDecodeOrAreRejected() {
        assumeTrue(Runtime.getRuntime().maxMemory() <= 512L << 20, "runs in the small-heap surefire execution");
        Random random = new Random(20261203);
        int decoded = 0;
        int rejected = 0;
        List<String> failures = new ArrayList<>();
        for (SpecificRecordBase valid : seeds()) {
            EventCodec<SpecificRecordBase> codec = codec(valid);
            byte[] bytes = codec.encode(valid);
            for (int i = 0; i < MUTATIONS_PER_RECORD; i++) {
                byte[] mutant = mutate(bytes, random);
                try {
                    codec.decode(mutant);
                    decoded++;
                } catch (IOException e) {
                    rejected++;
                    if (e.getCause() instanceof Error) {
                        failures.add(valid.getSchema().getName() + " " + Arrays.toString(mutant) + ": " + e);
                    }
                } catch (Throwable t) {
                    failures.add(valid.getSchema().getName() + " " + Arrays.toString(mutant) + ": " + t);
                }
            }
        }
        assertThat(decoded + rejected).isGreaterThanOrEqualTo(100_000);
        assertThat(failures).as("mutations that escaped or reached an allocation failure").isEmpty();
        assertThat(rejected).as("most mutations are invalid").isGreaterThan(decoded / 10);
    }

    @SuppressWarnings("unchecked")
    private static EventCodec<SpecificRecordBase> codec(SpecificRecordBase record) {
        return EventCodec.of((Class<SpecificRecordBase>) record.getClass());
    }

    /** The golden samples of every type plus an Example of 784 dense features. */
    private static List<SpecificRecordBase> seeds() {
        List<SpecificRecordBase> seeds = new ArrayList<>();
        for (Map.Entry<Class<? extends SpecificRecordBase>, SpecificRecordBase> sample : SampleEvents.all().entrySet()) {
            seeds.add(sample.getValue());
        }
        Example dense = SampleEvents.example();
        dense.setFeatures(DenseFeatures.newBuilder().setValues(Collections.nCopies(784, 0.5f)).build());
        seeds.add(dense);
        return seeds;
    }

    private static byte[] mutate(byte[] valid, Random random) {
        byte[] bytes = valid.clone();
        int at = random.nextInt(bytes.length);
        return switch (random.nextInt(6)) {
            case 0 -> flip(bytes, random);
            case 1 -> claim(bytes, at, CLAIMS[random.nextInt(CLAIMS.length)]);
            case 2 -> Arrays.copyOf(bytes, at);
            case 3 -> splice(bytes, at, randomBytes(1 + random.nextInt(8), random), 0);
            case 4 -> splice(bytes, at, new byte[0], 1 + random.nextInt(Math.min(16, bytes.length - at)));
            default -> splice(bytes, at, Arrays.copyOfRange(valid, random.nextInt(valid.length), valid.length), 0);
        };
    }

    private static byte[] flip(byte[] bytes, Random random) {
        for (int n = 1 + random.nextInt(4); n > 0; n--) {
            bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
        }
        return bytes;
    }

    /** Overwrites the bytes at {@code at} with the zig-zag varint of {@code value}, as a length or count claim. */
    private static byte[] claim(byte[] bytes, int at, long value) {
        byte[] buffer = new byte[10];
        byte[] encoded = Arrays.copyOf(buffer, BinaryData.encodeLong(value, buffer, 0));
        return splice(bytes, at, encoded, Math.min(encoded.length, bytes.length - at));
    }

    private static byte[] splice(byte[] bytes, int at, byte[] insert, int remove) {
        byte[] out = new byte[bytes.length - remove + insert.length];
        System.arraycopy(bytes, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(bytes, at + remove, out, at + insert.length, bytes.length - at - remove);
        return out;
    }

    private static byte[] randomBytes(int count, Random random) {
        byte[] bytes = new byte[count];
        random.nextBytes(bytes);
        return bytes;
    }
}
