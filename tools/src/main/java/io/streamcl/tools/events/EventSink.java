package io.streamcl.tools.events;

import org.apache.avro.specific.SpecificRecordBase;

/** Receives what a source reads: decoded events, and records that did not decode, each with its position. */
public interface EventSink {

    /** A decoded event of {@code type} found at {@code position} (e.g. {@code evaluations-0@42}). */
    void event(String position, EventType type, SpecificRecordBase event);

    /** A record at {@code position} that did not decode, and why. */
    void undecodable(String position, String reason);
}
