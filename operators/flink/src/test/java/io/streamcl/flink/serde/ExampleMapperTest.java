package io.streamcl.flink.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamcl.schemas.DenseFeatures;
import io.streamcl.schemas.Example;
import io.streamcl.schemas.QuantizedFeatures;
import io.streamcl.schemas.Split;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tests {@link ExampleMapper}: 8-bit features kept as bytes, and rejections that name the field and the value. */
class ExampleMapperTest {
    private final ExampleMapper mapper = new ExampleMapper(3, 4, 16);

    @Test
    void keepsBytesThatDequantizeAsUnsignedWithScaleAndOffset() throws InvalidRecordException {
        StreamExample e = mapper.map(example(QuantizedFeatures.newBuilder()
                .setValues(ByteBuffer.wrap(new byte[] {0, (byte) 128, (byte) 255})).setScale(0.5f).setOffset(-1f)
                .build(), 2));
        assertThat(e.features).isNull();
        assertThat(e.quantized).containsExactly(0, (byte) 128, (byte) 255);
        assertThat(e.featuresInto(new float[3])).containsExactly(-1f, 63f, 126.5f);
        assertThat(e.label).isEqualTo(2);
        assertThat(e.eval).isTrue();
        assertThat(e.taskId).isEqualTo(1);
    }

    @Test
    void rejectsWithMessagesNamingFieldAndValue() {
        assertThatThrownBy(() -> mapper.map(example(dense(1f, 2f), 0)))
                .hasMessage("features has 2 values, the model takes 3");
        assertThatThrownBy(() -> mapper.map(example(dense(1f, Float.NaN, 2f), 0)))
                .hasMessage("features[1] must be finite, got NaN");
        assertThatThrownBy(() -> mapper.map(example(dense(1f, 2f, 3f), 4)))
                .hasMessage("label must be in [0, 4), got 4");
        assertThatThrownBy(() -> mapper.map(example(QuantizedFeatures.newBuilder()
                        .setValues(ByteBuffer.wrap(new byte[3])).setScale(0f).build(), 0)))
                .hasMessage("features.scale must be positive and finite, got 0.0");
    }

    @Test
    void aHeldOutExampleWithoutALabelIsRejectedAndTheModelBoundsTheDecoder() {
        Example unlabeled = example(dense(1f, 2f, 3f), 0);
        unlabeled.setLabel(null);
        assertThatThrownBy(() -> mapper.map(unlabeled))
                .hasMessage("label is null, but split is EVAL: a held-out example needs a label");
        assertThat(mapper.limits().maxLengths()).containsOnly(
                Map.entry("key", 16), Map.entry("features.values", 3));
    }

    private static DenseFeatures dense(Float... values) {
        return DenseFeatures.newBuilder().setValues(List.of(values)).build();
    }

    private static Example example(Object features, int label) {
        return Example.newBuilder().setKey("k").setSeq(0).setEventTime(Instant.EPOCH).setTaskId(1)
                .setSplit(Split.EVAL).setFeatures(features).setLabel(label).build();
    }
}
