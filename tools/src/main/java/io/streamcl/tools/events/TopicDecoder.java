package io.streamcl.tools.events;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * Decodes the single-object-encoded values of one topic. The event type is given, or else taken from the first
 * value that some type's codec decodes (trying the type of the topic's default name first); from then on every
 * value must be of that type, so a topic dump has one set of columns.
 */
public final class TopicDecoder {
    private final String topic;
    private EventType type;

    /** A decoder for {@code topic}; {@code type} may be empty to detect it. */
    public TopicDecoder(String topic, Optional<EventType> type) {
        this.topic = topic;
        this.type = type.orElse(null);
    }

    /** The event type, once known. */
    public Optional<EventType> type() {
        return Optional.ofNullable(type);
    }

    /**
     * Decodes one value.
     *
     * @throws IOException naming why the value is not an event of this topic's type
     */
    public SpecificRecordBase decode(byte[] value) throws IOException {
        if (type != null) {
            return type.codec().decode(value);
        }
        List<String> failures = new ArrayList<>();
        for (EventType candidate : candidates()) {
            try {
                SpecificRecordBase event = candidate.codec().decode(value);
                type = candidate;
                return event;
            } catch (IOException e) {
                failures.add(candidate.cliName() + ": " + e.getMessage());
            }
        }
        throw new IOException("not any StreamCL event (" + String.join("; ", failures) + ")");
    }

    private List<EventType> candidates() {
        List<EventType> order = new ArrayList<>();
        EventType.ofDefaultTopic(topic).ifPresent(order::add);
        for (EventType t : EventType.values()) {
            if (!order.contains(t)) {
                order.add(t);
            }
        }
        return order;
    }
}
