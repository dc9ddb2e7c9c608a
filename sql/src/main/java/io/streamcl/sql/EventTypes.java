package io.streamcl.sql;

import io.streamcl.schemas.DeadLetter;
import io.streamcl.schemas.EvaluationEvent;
import io.streamcl.schemas.Example;
import io.streamcl.schemas.ForgettingAlert;
import io.streamcl.schemas.Prediction;
import java.util.List;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.table.api.ValidationException;

/** The event types the format reads and writes, by the names of their Avro records (one per StreamCL topic). */
final class EventTypes {
    static final List<Class<? extends SpecificRecordBase>> ALL = List.of(
            Example.class, EvaluationEvent.class, Prediction.class, ForgettingAlert.class, DeadLetter.class);

    private EventTypes() {}

    /** The generated class whose simple name is {@code name} (case-insensitive). */
    static Class<? extends SpecificRecordBase> named(String name) {
        for (Class<? extends SpecificRecordBase> type : ALL) {
            if (type.getSimpleName().equalsIgnoreCase(name.trim())) {
                return type;
            }
        }
        throw new ValidationException("'" + StreamclAvroFormatFactory.EVENT.key() + "' = '" + name
                + "' is not a StreamCL event; use one of " + names());
    }

    static String names() {
        return String.join(", ", ALL.stream().map(Class::getSimpleName).toList());
    }
}
