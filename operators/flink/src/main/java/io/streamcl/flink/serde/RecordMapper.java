package io.streamcl.flink.serde;

import io.streamcl.schemas.codec.DecodeLimits;
import java.io.Serializable;

/** Checks a decoded event against the rules of the function it is meant for and maps it to that function's input. */
@FunctionalInterface
public interface RecordMapper<E, T> extends Serializable {
    T map(E event) throws InvalidRecordException;

    /** Maps {@code event}, read as {@code source}; mappers whose output keeps its provenance override this. */
    default T map(E event, KafkaRecord source) throws InvalidRecordException {
        return map(event);
    }

    /** Caps on the fields of records this mapper can accept; decoding rejects longer ones before allocating. */
    default DecodeLimits limits() {
        return DecodeLimits.NONE;
    }
}
