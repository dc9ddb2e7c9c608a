package io.streamcl.flink.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamcl.schemas.EvaluationEvent;
import io.streamcl.schemas.codec.EventCodec;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tests {@link AvroKafkaSerializer}: key, single-object bytes, and Kafka timestamps. */
class AvroKafkaSerializerTest {
    static {
        EventCodec.trustGeneratedClasses();
    }

    private final AvroKafkaSerializer<EvaluationEvent> serializer =
            new AvroKafkaSerializer<>(EvaluationEvent.class, "evaluations", EvaluationEvent::getKey);
    private final EvaluationEvent event = EvaluationEvent.newBuilder().setKey("k").setModelStep(3).setExamplesSeen(9)
            .setEventTime(Instant.ofEpochMilli(5)).setConfigHash("cafe").setTasks(List.of()).build();

    @Test
    void keepsRecordTimestampsAndLeavesFlinksEndOfTimeToTheProducerClock() throws Exception {
        var record = serializer.serialize(event, null, 1_000L);
        assertThat(record.timestamp()).isEqualTo(1_000L);
        assertThat(new String(record.key())).isEqualTo("k");
        assertThat(EventCodec.of(EvaluationEvent.class).decode(record.value())).isEqualTo(event);
        assertThat(serializer.serialize(event, null, Long.MAX_VALUE).timestamp()).isNull();
        assertThat(serializer.serialize(event, null, null).timestamp()).isNull();
    }
}
