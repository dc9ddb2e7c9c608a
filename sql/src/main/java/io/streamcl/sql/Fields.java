package io.streamcl.sql;

import java.time.Instant;
import java.util.List;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.LogicalTypeRoot;

/** What both directions share: matching columns to Avro fields and union branches by name, and the type rules. */
final class Fields {
    private Fields() {}

    /** Whether {@code schema} is a union with a null branch. */
    static boolean nullable(Schema schema) {
        return schema.getType() == Schema.Type.UNION
                && schema.getTypes().stream().anyMatch(t -> t.getType() == Schema.Type.NULL);
    }

    /** {@code schema} without its null branch: the one other branch, or the union of the others. */
    static Schema nonNull(Schema schema) {
        if (schema.getType() != Schema.Type.UNION) {
            return schema;
        }
        List<Schema> others = schema.getTypes().stream().filter(t -> t.getType() != Schema.Type.NULL).toList();
        return others.size() == 1 ? others.get(0) : Schema.createUnion(others);
    }

    /** The field {@code name} of {@code record}, or an error listing the fields there are. */
    static Schema.Field field(Schema record, String name, String path) {
        Schema.Field field = record.getField(name);
        if (field == null) {
            throw new ValidationException("column '" + path + name + "' is not a field of " + record.getName()
                    + " (its fields: " + String.join(", ", record.getFields().stream().map(Schema.Field::name).toList())
                    + ")");
        }
        return field;
    }

    /** The branch of a multi-type union named {@code name} (its record name), or an error listing the branches. */
    static Schema branch(Schema union, String name, String path) {
        for (Schema branch : union.getTypes()) {
            if (branch.getName().equals(name)) {
                return branch;
            }
        }
        throw new ValidationException("column '" + path + name + "' is not a branch of the union " + union
                + " (a union column is a ROW with one field per branch, named by the branch's record name)");
    }

    static boolean isTimestamp(Schema schema) {
        return schema.getLogicalType() instanceof LogicalTypes.TimestampMillis;
    }

    static boolean isString(LogicalType type) {
        return type.is(LogicalTypeRoot.VARCHAR) || type.is(LogicalTypeRoot.CHAR);
    }

    static boolean isTimestamp(LogicalType type) {
        return type.is(LogicalTypeRoot.TIMESTAMP_WITH_LOCAL_TIME_ZONE)
                || type.is(LogicalTypeRoot.TIMESTAMP_WITHOUT_TIME_ZONE);
    }

    static boolean isBytes(LogicalType type) {
        return type.is(LogicalTypeRoot.VARBINARY) || type.is(LogicalTypeRoot.BINARY);
    }

    /** A timestamp-millis value as the generated classes hold it (Instant) or as generic data does (Long). */
    static Instant instant(Object value) {
        return value instanceof Instant instant ? instant : Instant.ofEpochMilli((Long) value);
    }

    static ValidationException mismatch(String path, LogicalType type, Schema schema) {
        return new ValidationException("column '" + path + "' is declared " + type + " but the Avro field is "
                + schema + "; see docs/sql.md for the column type of each Avro type");
    }
}
