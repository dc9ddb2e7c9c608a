package io.streamcl.flink.serde;

import io.streamcl.flink.metrics.DeadLetterMetrics;
import io.streamcl.schemas.DeadLetter;
import io.streamcl.schemas.codec.EventCodec;
import java.io.IOException;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Decodes Kafka records into events of one Avro type and maps them with a {@link RecordMapper}; a record that does
 * not decode or breaks a rule goes to the {@link #DEAD_LETTERS} side output with the reason, and the job keeps
 * running. Decoding is bounded by the mapper's {@link RecordMapper#limits()}, so no record can make it allocate more
 * than the largest legal record needs.
 */
public class RecordDecoder<E extends SpecificRecordBase, T> extends ProcessFunction<KafkaRecord, T>
        implements ResultTypeQueryable<T> {
    /** Rejected records, with their bytes and coordinates. */
    public static final OutputTag<DeadLetter> DEAD_LETTERS =
            new OutputTag<>("dead-letters", TypeInformation.of(DeadLetter.class));

    private final Class<E> eventType;
    private final Class<T> outputType;
    private final RecordMapper<E, T> mapper;
    private transient EventCodec<E> codec;
    private transient DeadLetterMetrics rejected;

    public RecordDecoder(Class<E> eventType, Class<T> outputType, RecordMapper<E, T> mapper) {
        this.eventType = eventType;
        this.outputType = outputType;
        this.mapper = mapper;
    }

    @Override
    public void open(OpenContext context) {
        codec = EventCodec.of(eventType, mapper.limits());
        rejected = new DeadLetterMetrics(getRuntimeContext().getMetricGroup());
    }

    @Override
    public void processElement(KafkaRecord record, Context ctx, Collector<T> out) {
        E event;
        try {
            event = codec.decode(record.value);
        } catch (IOException e) {
            reject(record, "undecodable",
                    "not an Avro single-object " + eventType.getSimpleName() + ": " + e.getMessage(), ctx);
            return;
        }
        T mapped;
        try {
            mapped = mapper.map(event, record);
        } catch (InvalidRecordException e) {
            reject(record, "invalid", e.getMessage(), ctx);
            return;
        } catch (RuntimeException e) {
            reject(record, "invalid", "cannot map " + eventType.getSimpleName() + ": " + e, ctx);
            return;
        }
        out.collect(mapped);
    }

    @Override
    public TypeInformation<T> getProducedType() {
        return TypeInformation.of(outputType);
    }

    private void reject(KafkaRecord record, String type, String reason, Context ctx) {
        DeadLetter letter = DeadLetters.of(record, type, reason);
        rejected.count(letter);
        ctx.output(DEAD_LETTERS, letter);
    }
}
