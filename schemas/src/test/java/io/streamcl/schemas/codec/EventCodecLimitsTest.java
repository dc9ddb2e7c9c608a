package io.streamcl.schemas.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamcl.schemas.DenseFeatures;
import io.streamcl.schemas.Example;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Collections;
import org.apache.avro.io.BinaryData;
import org.junit.jupiter.api.Test;

/** Length claims, caps, truncation and headers: each rejected before Avro allocates, naming the field. */
class EventCodecLimitsTest {
    private final EventCodec<Example> codec = EventCodec.of(Example.class);
    private final byte[] header = Arrays.copyOf(codec.encode(SampleEvents.example()), 10);

    @Test
    void aKeyClaimingAGibibyteInANineteenByteRecordIsRejectedNamingTheKey() {
        byte[] record = concat(header, varint(1L << 30), new byte[] {1, 2, 3, 4});
        assertThat(record).hasSize(19);
        assertThatThrownBy(() -> codec.decode(record)).isInstanceOf(IOException.class)
                .hasMessage("field 'key': needs 1073741824 bytes, but only 4 are left in the record");
    }

    @Test
    void anArrayClaimingMoreItemsThanTheRecordHoldsIsRejectedNamingTheArray() {
        // key "k", seq 0, eventTime 0, taskId null, split TRAIN, features branch 0 (dense), then a count of 2^28
        byte[] record = concat(header, new byte[] {2, 'k', 0, 0, 0, 0, 0}, varint(1L << 28), new byte[16]);
        assertThatThrownBy(() -> codec.decode(record))
                .hasMessage("field 'features.values': claims 268435456 items of at least 4 bytes, but only 16 bytes"
                        + " are left in the record");
    }

    @Test
    void capsRejectLongerKeysAndFeatureVectorsThanTheModelTakes() throws IOException {
        EventCodec<Example> capped = EventCodec.of(Example.class,
                DecodeLimits.NONE.with("key", 8).with("features.values", 784));
        Example dense = SampleEvents.example();
        dense.setFeatures(DenseFeatures.newBuilder().setValues(Collections.nCopies(784, 0.5f)).build());
        assertThat(capped.decode(capped.encode(dense))).isEqualTo(dense);

        dense.setFeatures(DenseFeatures.newBuilder().setValues(Collections.nCopies(785, 0.5f)).build());
        assertThatThrownBy(() -> capped.decode(capped.encode(dense)))
                .hasMessage("field 'features.values': 785 items exceed the limit of 784");
        Example longKey = SampleEvents.example();
        longKey.setKey("a-key-of-19-letters");
        assertThatThrownBy(() -> capped.decode(capped.encode(longKey)))
                .hasMessage("field 'key': length 19 exceeds the limit of 8 bytes");
    }

    @Test
    void truncatedTrailingAndForeignRecordsNameWhatIsWrong() {
        byte[] valid = codec.encode(SampleEvents.example());
        assertThatThrownBy(() -> codec.decode(Arrays.copyOf(valid, valid.length - 1)))
                .hasMessageStartingWith("field 'target'");
        assertThatThrownBy(() -> codec.decode(concat(valid, new byte[3])))
                .hasMessage("the record has 3 bytes after its last field");
        byte[] foreign = valid.clone();
        foreign[5] ^= 1;
        assertThatThrownBy(() -> codec.decode(foreign)).hasMessageStartingWith("unknown writer-schema fingerprint");
        assertThatThrownBy(() -> codec.decode(new byte[] {'{', '"', 'k'}))
                .hasMessageStartingWith("no Avro single-object header").hasMessageEndingWith("starts with 7B 22 6B");
    }

    /** Avro's zig-zag varint of {@code value}, as a length or count claim. */
    private static byte[] varint(long value) {
        byte[] buffer = new byte[10];
        return Arrays.copyOf(buffer, BinaryData.encodeLong(value, buffer, 0));
    }

    private static byte[] concat(byte[]... parts) {
        ByteBuffer out = ByteBuffer.allocate(Arrays.stream(parts).mapToInt(part -> part.length).sum());
        Arrays.stream(parts).forEach(out::put);
        return out.array();
    }
}
