package io.streamcl.tools.events;

import io.streamcl.schemas.DeadLetter;
import io.streamcl.schemas.EvaluationEvent;
import io.streamcl.schemas.Example;
import io.streamcl.schemas.ForgettingAlert;
import io.streamcl.schemas.Prediction;
import io.streamcl.schemas.codec.EventCodec;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecordBase;

/** The event types StreamCL writes, each with its generated class, codec and default topic name. */
public enum EventType {
    EXAMPLE(Example.class, "examples"),
    EVALUATION(EvaluationEvent.class, "evaluations"),
    ALERT(ForgettingAlert.class, "alerts"),
    PREDICTION(Prediction.class, "predictions"),
    DEAD_LETTER(DeadLetter.class, "dead-letters");

    static {
        EventCodec.trustGeneratedClasses();
    }

    private final Class<? extends SpecificRecordBase> type;
    private final String defaultTopic;
    private volatile EventCodec<? extends SpecificRecordBase> codec;

    EventType(Class<? extends SpecificRecordBase> type, String defaultTopic) {
        this.type = type;
        this.defaultTopic = defaultTopic;
    }

    /** The current (reader) schema of this type. */
    public Schema schema() {
        return SpecificData.get().getSchema(type);
    }

    /** The generated class. */
    public Class<? extends SpecificRecordBase> type() {
        return type;
    }

    /** The codec that decodes every released version of this type. */
    public EventCodec<? extends SpecificRecordBase> codec() {
        if (codec == null) {
            codec = EventCodec.of(type);
        }
        return codec;
    }

    /** The command-line name, e.g. {@code dead-letter}. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The type whose default topic is {@code topic}, if any. */
    public static Optional<EventType> ofDefaultTopic(String topic) {
        return Arrays.stream(values()).filter(t -> t.defaultTopic.equals(topic)).findFirst();
    }

    /** The type whose schema has the full name {@code fullName}, if any. */
    public static Optional<EventType> ofSchemaName(String fullName) {
        return Arrays.stream(values()).filter(t -> t.schema().getFullName().equals(fullName)).findFirst();
    }

    /** Parses a command-line name such as {@code evaluation} or {@code dead-letter}. */
    public static EventType parse(String name) {
        return Arrays.stream(values()).filter(t -> t.cliName().equals(name.toLowerCase(Locale.ROOT)))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("--type: unknown event type '" + name
                        + "'; expected one of " + Arrays.stream(values()).map(EventType::cliName).toList()));
    }
}
