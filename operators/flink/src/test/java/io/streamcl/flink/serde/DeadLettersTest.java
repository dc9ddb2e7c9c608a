package io.streamcl.flink.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamcl.schemas.DeadLetter;
import io.streamcl.schemas.codec.EventCodec;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Tests {@link DeadLetters}: bounded copies with full lengths and hash, whatever the record's size. */
class DeadLettersTest {

    @Test
    void aFortyMegabyteRecordLeavesADeadLetterOfAtMostAHundredThirtyKibibytes() throws Exception {
        byte[] value = new byte[40 << 20];
        new Random(1).nextBytes(value);
        byte[] key = new byte[100_000];
        DeadLetter letter = DeadLetters.of(new KafkaRecord("examples", 3, 77, key, value), "undecodable",
                "x".repeat(100_000));

        assertThat(letter.getTruncated()).isTrue();
        assertThat(letter.getValueLength()).isEqualTo(40L << 20);
        assertThat(letter.getKeyLength()).isEqualTo(100_000L);
        assertThat(bytes(letter.getValue())).isEqualTo(Arrays.copyOf(value, DeadLetters.MAX_COPY));
        assertThat(letter.getRecordKey().remaining()).isEqualTo(DeadLetters.MAX_COPY);
        assertThat(bytes(letter.getValueSha256())).isEqualTo(MessageDigest.getInstance("SHA-256").digest(value));
        assertThat(letter.getReason()).hasSize(DeadLetters.MAX_REASON).endsWith("...");
        assertThat(EventCodec.of(DeadLetter.class).encode(letter).length).isLessThan(130 * 1024 + 512);
    }

    @Test
    void aSmallRecordIsKeptWholeAndANullValueHasNoLengthOrHash() {
        DeadLetter small = DeadLetters.of(new KafkaRecord("examples", 0, 1, null, new byte[] {1, 2}), "invalid", "r");
        assertThat(small.getTruncated()).isFalse();
        assertThat(bytes(small.getValue())).containsExactly(1, 2);
        assertThat(small.getRecordKey()).isNull();
        assertThat(small.getKeyLength()).isNull();

        DeadLetter tombstone = DeadLetters.of(new KafkaRecord("examples", 0, 2, new byte[] {'k'}, null), "u", "r");
        assertThat(tombstone.getValue()).isNull();
        assertThat(tombstone.getValueLength()).isNull();
        assertThat(tombstone.getValueSha256()).isNull();
        assertThat(tombstone.getKeyLength()).isEqualTo(1);
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
    }
}
