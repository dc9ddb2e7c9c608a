package io.streamcl.tools.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * Avro records as plain JSON for people: nullable unions become the bare value or {@code null} (Avro's own JSON
 * encoding would wrap them in a type tag), enums their symbol, bytes Base64, timestamp-millis an ISO-8601 instant,
 * and non-finite floating-point values the strings {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"} (JSON has
 * no literal for them).
 */
public final class JsonRecords {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonRecords() {
    }

    /** The JSON form of {@code record}. */
    public static ObjectNode toJson(GenericRecord record) {
        return (ObjectNode) toJson(record.getSchema(), record);
    }

    /** The JSON form of {@code datum} of {@code schema}. */
    public static JsonNode toJson(Schema schema, Object datum) {
        if (datum == null) {
            return NODES.nullNode();
        }
        switch (schema.getType()) {
            case RECORD -> {
                GenericRecord record = (GenericRecord) datum;
                ObjectNode node = NODES.objectNode();
                for (Schema.Field field : schema.getFields()) {
                    node.set(field.name(), toJson(field.schema(), record.get(field.pos())));
                }
                return node;
            }
            case UNION -> {
                return toJson(schema.getTypes().get(GenericData.get().resolveUnion(schema, datum)), datum);
            }
            case ARRAY -> {
                ArrayNode array = NODES.arrayNode();
                for (Object item : (Collection<?>) datum) {
                    array.add(toJson(schema.getElementType(), item));
                }
                return array;
            }
            case MAP -> {
                ObjectNode node = NODES.objectNode();
                for (Map.Entry<?, ?> e : ((Map<?, ?>) datum).entrySet()) {
                    node.set(e.getKey().toString(), toJson(schema.getValueType(), e.getValue()));
                }
                return node;
            }
            case BYTES -> {
                ByteBuffer buffer = ((ByteBuffer) datum).duplicate();
                byte[] bytes = new byte[buffer.remaining()];
                buffer.get(bytes);
                return NODES.textNode(Base64.getEncoder().encodeToString(bytes));
            }
            case FIXED -> {
                return NODES.textNode(Base64.getEncoder().encodeToString(((GenericData.Fixed) datum).bytes()));
            }
            case LONG -> {
                return schema.getLogicalType() instanceof LogicalTypes.TimestampMillis
                        ? NODES.textNode(instant(datum).toString())
                        : NODES.numberNode(((Number) datum).longValue());
            }
            case INT -> {
                return NODES.numberNode(((Number) datum).intValue());
            }
            case FLOAT, DOUBLE -> {
                double value = ((Number) datum).doubleValue();
                return Double.isFinite(value) ? NODES.numberNode(value) : NODES.textNode(Double.toString(value));
            }
            case BOOLEAN -> {
                return NODES.booleanNode((Boolean) datum);
            }
            case NULL -> {
                return NODES.nullNode();
            }
            default -> {
                return NODES.textNode(datum.toString());
            }
        }
    }

    private static Instant instant(Object datum) {
        return datum instanceof Instant instant ? instant : Instant.ofEpochMilli(((Number) datum).longValue());
    }

    /**
     * A number from a JSON value written by {@link #toJson}: {@code NaN} for the string forms of non-finite
     * values, and {@code null} for JSON null or a missing field.
     */
    public static Double number(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isTextual()) {
            return Double.parseDouble(node.asText());
        }
        return node.asDouble();
    }
}
