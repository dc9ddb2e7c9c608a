package io.streamcl.tools.events;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.Locale;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * Prints events as JSON lines or CSV. A record that did not decode is never skipped silently: in JSON it is an
 * {@code {"error": ..., "position": ...}} line in the output, in CSV (which has no room for it) a line on the
 * error stream; either way it names the position (topic-partition@offset, or file#index).
 */
public final class EventPrinter implements EventSink {
    /** Output formats. */
    public enum Format {
        JSON, CSV;

        /** Parses {@code json} or {@code csv}. */
        public static Format parse(String text) {
            try {
                return valueOf(text.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--format: expected json or csv, got '" + text + "'");
            }
        }
    }

    private final PrintWriter out;
    private final PrintWriter err;
    private final Format format;
    private final boolean withPosition;
    private CsvRecords csv;
    private long events;
    private long undecodable;

    /** A printer to {@code out} (events) and {@code err} (CSV error lines). */
    public EventPrinter(PrintWriter out, PrintWriter err, Format format, boolean withPosition) {
        this.out = out;
        this.err = err;
        this.format = format;
        this.withPosition = withPosition;
    }

    @Override
    public void event(String position, EventType type, SpecificRecordBase event) {
        events++;
        ObjectNode json = JsonRecords.toJson(event);
        if (format == Format.JSON) {
            if (withPosition) {
                ObjectNode positioned = JsonNodeFactory.instance.objectNode().put("position", position);
                positioned.setAll(json);
                json = positioned;
            }
            out.println(json);
            return;
        }
        if (csv == null) {
            csv = new CsvRecords(type.schema());
            out.println((withPosition ? "position," : "") + csv.header());
        }
        out.println((withPosition ? CsvRecords.quote(position) + "," : "") + csv.row(json));
    }

    @Override
    public void undecodable(String position, String reason) {
        undecodable++;
        if (format == Format.JSON) {
            out.println(JsonNodeFactory.instance.objectNode().put("error", reason).put("position", position));
        } else {
            err.println("events: record at " + position + " does not decode: " + reason);
        }
    }

    /** Events printed so far. */
    public long events() {
        return events;
    }

    /** Records that did not decode so far. */
    public long undecodable() {
        return undecodable;
    }
}
