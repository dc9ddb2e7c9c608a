package io.streamcl.tools.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;

/**
 * Flat CSV rows of an event type: nested records (also nullable ones) become dotted columns such as {@code
 * aggregate.minAccuracy}; arrays and maps stay one column holding their JSON, since their length varies from
 * record to record. Values are those of {@link JsonRecords}; quoting follows RFC 4180.
 */
public final class CsvRecords {
    private final List<List<String>> columns = new ArrayList<>();

    /** The columns of {@code schema}. */
    public CsvRecords(Schema schema) {
        collect(schema, new ArrayList<>());
    }

    private void collect(Schema schema, List<String> path) {
        Schema record = recordOf(schema);
        if (record == null) {
            columns.add(List.copyOf(path));
            return;
        }
        for (Schema.Field field : record.getFields()) {
            path.add(field.name());
            collect(field.schema(), path);
            path.remove(path.size() - 1);
        }
    }

    /** The record schema of {@code schema} or of its only non-null union branch; null for anything else. */
    private static Schema recordOf(Schema schema) {
        if (schema.getType() == Schema.Type.RECORD) {
            return schema;
        }
        if (schema.getType() == Schema.Type.UNION) {
            List<Schema> branches = schema.getTypes().stream().filter(s -> s.getType() != Schema.Type.NULL).toList();
            return branches.size() == 1 && branches.get(0).getType() == Schema.Type.RECORD ? branches.get(0) : null;
        }
        return null;
    }

    /** The header line. */
    public String header() {
        return String.join(",", columns.stream().map(path -> quote(String.join(".", path))).toList());
    }

    /** One line for {@code json}, an event in the form of {@link JsonRecords#toJson}. */
    public String row(JsonNode json) {
        List<String> cells = new ArrayList<>(columns.size());
        for (List<String> path : columns) {
            JsonNode node = json;
            for (String name : path) {
                node = node == null || node.isNull() ? null : node.get(name);
            }
            cells.add(cell(node));
        }
        return String.join(",", cells);
    }

    private static String cell(JsonNode node) {
        if (node == null || node.isNull()) {
            return "";
        }
        return quote(node.isContainerNode() ? node.toString() : node.asText());
    }

    /** RFC 4180 quoting: only fields with a comma, quote or line break are quoted. */
    public static String quote(String value) {
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }
}
