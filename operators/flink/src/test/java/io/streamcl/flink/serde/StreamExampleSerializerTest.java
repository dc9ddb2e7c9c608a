package io.streamcl.flink.serde;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/** Tests {@link StreamExampleSerializer}: both feature forms and every optional field round-trip; Flink picks it. */
class StreamExampleSerializerTest {
    private final StreamExampleSerializer serializer = new StreamExampleSerializer();

    @Test
    void flinkTypeExtractionPicksTheTypedSerializer() {
        assertThat(TypeInformation.of(StreamExample.class).createSerializer(new SerializerConfigImpl()))
                .isInstanceOf(StreamExampleSerializer.class);
    }

    @Test
    void quantizedExampleWithEveryFieldRoundTrips() throws Exception {
        StreamExample e = new StreamExample();
        e.key = "learner-ü";
        e.seq = 42;
        e.eventTime = 1_700_000_000_000L;
        e.taskId = 3;
        e.eval = true;
        e.quantized = new byte[] {0, (byte) 200, 7};
        e.scale = 0.5f;
        e.offset = -1f;
        e.label = 9;
        e.target = 2.5;
        e.sourceTopic = "examples";
        e.sourcePartition = 2;
        e.sourceOffset = 1234;
        StreamExample back = roundTrip(e);
        assertThat(back).usingRecursiveComparison().isEqualTo(e);
        assertThat(serializer.copy(e)).usingRecursiveComparison().isEqualTo(e);
    }

    @Test
    void denseUnlabeledTaskFreeExampleRoundTrips() throws Exception {
        StreamExample e = new StreamExample();
        e.key = "k";
        e.features = new float[] {1.5f, -2f};
        StreamExample back = roundTrip(e);
        assertThat(back).usingRecursiveComparison().isEqualTo(e);
        assertThat(back.taskId).isNull();
        assertThat(back.label).isNull();
        assertThat(back.target).isNull();
        assertThat(back.quantized).isNull();
    }

    private StreamExample roundTrip(StreamExample e) throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer.serialize(e, out);
        DataOutputSerializer copied = new DataOutputSerializer(64);
        serializer.copy(new DataInputDeserializer(out.getCopyOfBuffer()), copied);
        assertThat(copied.getCopyOfBuffer()).isEqualTo(out.getCopyOfBuffer());
        return serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    }
}
