package io.streamcl.tools.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamcl.tools.events.AvroFileSource;
import io.streamcl.tools.events.EventSink;
import io.streamcl.tools.events.EventSource;
import io.streamcl.tools.events.EventType;
import io.streamcl.tools.events.JsonRecords;
import io.streamcl.tools.events.KafkaEventSource;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * Reads the events of one report input in their JSON form: {@code topic:NAME} (read to its current end), an Avro
 * container file, or JSON lines as printed by {@code events}. Records that did not decode (and the error lines of
 * {@code events}) are reported on the error stream with their position, never dropped silently.
 */
final class EventReader {
    private static final byte[] AVRO_MAGIC = {'O', 'b', 'j', 1};
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String bootstrapServers;
    private final PrintWriter err;
    private long undecodable;

    EventReader(String bootstrapServers, PrintWriter err) {
        this.bootstrapServers = bootstrapServers;
        this.err = err;
    }

    /** Records that did not decode so far. */
    long undecodable() {
        return undecodable;
    }

    /** The events of {@code source}, which must be of {@code type}. */
    List<JsonNode> read(String source, EventType type) throws IOException {
        if (source.startsWith("topic:")) {
            try (EventSource topic = new KafkaEventSource(bootstrapServers, source.substring("topic:".length()),
                    KafkaEventSource.Start.EARLIEST, false, Optional.of(type))) {
                return collect(topic);
            }
        }
        Path path = Path.of(source);
        if (!Files.isRegularFile(path)) {
            throw new IOException("input '" + source + "' is neither topic:NAME nor a readable file");
        }
        if (isAvroContainer(path)) {
            try (EventSource file = new AvroFileSource(path)) {
                List<JsonNode> events = collect(file);
                requireType(events, type, source);
                return events;
            }
        }
        return jsonLines(path, type);
    }

    private List<JsonNode> collect(EventSource source) throws IOException {
        List<JsonNode> events = new ArrayList<>();
        source.readInto(new EventSink() {
            @Override
            public void event(String position, EventType type, SpecificRecordBase event) {
                events.add(JsonRecords.toJson(event));
            }

            @Override
            public void undecodable(String position, String reason) {
                reportUndecodable(position, reason);
            }
        }, Long.MAX_VALUE);
        return events;
    }

    private List<JsonNode> jsonLines(Path path, EventType type) throws IOException {
        List<JsonNode> events = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node;
                try {
                    node = JSON.readTree(line);
                } catch (IOException e) {
                    throw new IOException(path + " line " + number + " is not JSON (expected JSON lines from "
                            + "'events', an Avro file or topic:NAME): " + e.getMessage(), e);
                }
                if (node.has("error")) {
                    reportUndecodable(node.path("position").asText(path + " line " + number), node.get("error").asText());
                    continue;
                }
                events.add(node);
            }
        }
        requireType(events, type, path.toString());
        return events;
    }

    private static void requireType(List<JsonNode> events, EventType type, String source) throws IOException {
        String marker = type == EventType.ALERT ? "alertId" : "modelStep";
        String other = type == EventType.ALERT ? "tasks" : "alertId";
        for (JsonNode event : events) {
            if (!event.has(marker) || event.has(other)) {
                throw new IOException(source + " holds records that are not " + type.cliName() + " events: " + event
                        .toString().substring(0, Math.min(120, event.toString().length())));
            }
        }
    }

    private void reportUndecodable(String position, String reason) {
        undecodable++;
        err.println("report: record at " + position + " did not decode and is not in the report: " + reason);
    }

    private static boolean isAvroContainer(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            return Arrays.equals(in.readNBytes(AVRO_MAGIC.length), AVRO_MAGIC);
        }
    }
}
