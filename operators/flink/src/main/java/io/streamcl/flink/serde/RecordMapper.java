package io.streamcl.flink.serde;

import java.io.Serializable;

/** Checks a decoded event against the rules of the function it is meant for and maps it to that function's input. */
@FunctionalInterface
public interface RecordMapper<E, T> extends Serializable {
    T map(E event) throws InvalidRecordException;
}
