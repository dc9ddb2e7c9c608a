package io.streamcl.loadgen.file;

import io.streamcl.loadgen.ExampleStream;
import io.streamcl.schemas.Example;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import org.apache.avro.file.DataFileReader;

/** The examples of one Avro container file, optionally re-stamped with the replay time. */
final class FileExamples implements ExampleStream {

    private final DataFileReader<Example> reader;
    private final long size;
    private final Clock restamp;

    FileExamples(Path path, long size, Clock restamp) {
        try {
            this.reader = AvroExampleFile.open(path);
        } catch (IOException e) {
            throw AvroExampleFile.unreadable(path, e);
        }
        this.size = size;
        this.restamp = restamp;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public boolean hasNext() {
        return reader.hasNext();
    }

    @Override
    public Example next() {
        Example example = reader.next();
        if (restamp != null) {
            example.setEventTime(Instant.ofEpochMilli(restamp.millis()));
        }
        return example;
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
