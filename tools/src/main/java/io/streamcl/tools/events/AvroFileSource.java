package io.streamcl.tools.events;

import java.io.IOException;
import java.nio.file.Path;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * Reads an Avro container file of StreamCL events (e.g. one written by {@code loadgen write}); the event type is
 * the one whose schema has the file schema's full name, and records resolve from the file's schema to the current
 * one. A record that does not decode is reported with its index, and reading stops there: a damaged block leaves
 * no reliable way to find the next record.
 */
public final class AvroFileSource implements EventSource {
    private final Path path;
    private final DataFileReader<SpecificRecordBase> reader;
    private final EventType type;
    private volatile boolean stopped;

    /** Opens {@code path}; fails naming the file when it is not an Avro container of a StreamCL event type. */
    public AvroFileSource(Path path) throws IOException {
        this.path = path;
        DataFileReader<SpecificRecordBase> probe;
        try {
            probe = new DataFileReader<>(path.toFile(), new SpecificDatumReader<>());
        } catch (IOException e) {
            throw new IOException("cannot read Avro container file " + path + ": " + e.getMessage(), e);
        }
        String name = probe.getSchema().getFullName();
        this.type = EventType.ofSchemaName(name).orElse(null);
        if (type == null) {
            probe.close();
            throw new IOException(path + " holds " + name + " records, not a StreamCL event type");
        }
        probe.close();
        this.reader = new DataFileReader<>(path.toFile(), new SpecificDatumReader<>(type.schema()));
    }

    @Override
    public void readInto(EventSink sink, long limit) {
        long index = 0;
        while (index < limit && !stopped) {
            String position = path.getFileName() + "#" + index;
            try {
                if (!reader.hasNext()) {
                    return;
                }
                sink.event(position, type, reader.next());
            } catch (AvroRuntimeException e) {
                sink.undecodable(position, "damaged Avro block, reading stops here: " + e.getMessage());
                return;
            }
            index++;
        }
    }

    @Override
    public void stop() {
        stopped = true;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
