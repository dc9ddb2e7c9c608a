package io.streamcl.flink.serde;

import io.streamcl.schemas.DeadLetter;
import io.streamcl.schemas.Example;
import io.streamcl.schemas.codec.EventCodec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Decodes Kafka records into validated examples; a record that does not decode or breaks a rule goes to the
 * {@link #DEAD_LETTERS} side output with the reason, and the job keeps running.
 */
public class ExampleDecoder extends ProcessFunction<KafkaRecord, StreamExample> {
    /** Rejected records, with their bytes and coordinates. */
    public static final OutputTag<DeadLetter> DEAD_LETTERS =
            new OutputTag<>("dead-letters", TypeInformation.of(DeadLetter.class));

    private final ExampleMapper mapper;
    private transient EventCodec<Example> codec;
    private transient Counter rejected;

    public ExampleDecoder(ExampleMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public void open(OpenContext context) {
        codec = EventCodec.of(Example.class);
        rejected = getRuntimeContext().getMetricGroup().counter("deadLetters");
    }

    @Override
    public void processElement(KafkaRecord record, Context ctx, Collector<StreamExample> out) {
        Example example;
        try {
            example = codec.decode(record.value);
        } catch (IOException e) {
            reject(record, "undecodable", "not an Avro single-object Example: " + e.getMessage(), ctx);
            return;
        }
        try {
            out.collect(mapper.map(example));
        } catch (InvalidExampleException e) {
            reject(record, "invalid", e.getMessage(), ctx);
        }
    }

    private void reject(KafkaRecord record, String type, String reason, Context ctx) {
        rejected.inc();
        ctx.output(DEAD_LETTERS, DeadLetter.newBuilder()
                .setSourceTopic(record.topic)
                .setPartition(record.partition)
                .setOffset(record.offset)
                .setRecordKey(record.key == null ? null : ByteBuffer.wrap(record.key))
                .setValue(record.value == null ? null : ByteBuffer.wrap(record.value))
                .setErrorType(type)
                .setReason(reason)
                .setDetectedAt(Instant.now())
                .build());
    }
}
