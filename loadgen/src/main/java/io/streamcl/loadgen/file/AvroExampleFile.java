package io.streamcl.loadgen.file;

import io.streamcl.loadgen.Check;
import io.streamcl.schemas.codec.EventCodec;
import io.streamcl.loadgen.ExampleStream;
import io.streamcl.loadgen.LoadgenException;
import io.streamcl.loadgen.progress.ProgressListener;
import io.streamcl.loadgen.progress.ProgressTracker;
import io.streamcl.loadgen.progress.ThroughputReport;
import io.streamcl.schemas.Example;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.Objects;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;

/**
 * Avro container files of Examples, so a benchmark stream can be generated once and replayed to Kafka identically;
 * the scenario description is kept in the file's metadata under {@link #DESCRIPTION_KEY}.
 */
public final class AvroExampleFile {

    /** File metadata key holding the description of the scenario that produced the file. */
    public static final String DESCRIPTION_KEY = "streamcl.scenario";

    private final Path path;
    private CodecFactory codec = CodecFactory.deflateCodec(1);
    private String description = "";
    private ProgressListener progress = ProgressListener.none();
    private Duration progressInterval = Duration.ofSeconds(1);

    private AvroExampleFile(Path path) {
        this.path = Objects.requireNonNull(path, "path");
    }

    /** A writer for {@code path}; configure it, then call {@link #write}. */
    public static AvroExampleFile writer(Path path) {
        return new AvroExampleFile(path);
    }

    /** The block compression; default deflate level 1 (fast, about halves pixel data). */
    public AvroExampleFile codec(CodecFactory codec) {
        this.codec = Objects.requireNonNull(codec, "codec");
        return this;
    }

    /** The scenario description stored in the file. */
    public AvroExampleFile description(String description) {
        this.description = Objects.requireNonNull(description, "description");
        return this;
    }

    /** Where progress goes, and how often. */
    public AvroExampleFile progress(ProgressListener listener, Duration interval) {
        this.progress = Objects.requireNonNull(listener, "listener");
        this.progressInterval = interval;
        return this;
    }

    /**
     * Writes at most {@code maxExamples} examples, replacing the file.
     *
     * @return the count and uncompressed datum bytes written
     */
    public ThroughputReport write(Iterator<Example> examples, long maxExamples) {
        Check.atLeast("total", maxExamples, 0);
        DatumWriter<Example> datumWriter = new SpecificDatumWriter<>(Example.class);
        try (DataFileWriter<Example> file = new DataFileWriter<>(datumWriter)) {
            file.setCodec(codec);
            file.setMeta(DESCRIPTION_KEY, description);
            file.create(Example.getClassSchema(), path.toFile());
            ProgressTracker tracker = new ProgressTracker(progress, progressInterval,
                    ExampleStream.expectedCount(examples, maxExamples), null);
            // Encode each datum ourselves so the report can count bytes; appendEncoded skips a second encoding.
            ByteArrayOutputStream buffer = new ByteArrayOutputStream(4096);
            BinaryEncoder encoder = null;
            while (tracker.examples() < maxExamples && examples.hasNext()) {
                buffer.reset();
                encoder = EncoderFactory.get().directBinaryEncoder(buffer, encoder);
                datumWriter.write(examples.next(), encoder);
                file.appendEncoded(ByteBuffer.wrap(buffer.toByteArray()));
                tracker.add(buffer.size());
            }
            file.flush();
            return tracker.finish(false);
        } catch (IOException e) {
            throw new LoadgenException("cannot write " + path + ": " + e.getMessage(), e);
        }
    }

    /** The examples of a file as they were written (original event times). */
    public static ExampleStream read(Path path) {
        return read(path, null);
    }

    /**
     * The examples of a file; with a {@code restamp} clock their event times become the time they are read, as a live
     * stream would have them.
     */
    public static ExampleStream read(Path path, Clock restamp) {
        if (!Files.isRegularFile(path)) {
            throw new LoadgenException("no such file: " + path + " (write one with 'loadgen write --output " + path + "')");
        }
        EventCodec.trustGeneratedClasses();
        return new FileExamples(path, count(path), restamp);
    }

    /** The scenario description stored in a file, or "" when there is none. */
    public static String description(Path path) {
        try (DataFileReader<Example> reader = open(path)) {
            String d = reader.getMetaString(DESCRIPTION_KEY);
            return d == null ? "" : d;
        } catch (IOException e) {
            throw unreadable(path, e);
        }
    }

    /** Counts records from the block headers, without decoding them. */
    private static long count(Path path) {
        try (DataFileReader<Example> reader = open(path)) {
            long n = 0;
            while (reader.hasNext()) {
                n += reader.getBlockCount();
                reader.nextBlock();
            }
            return n;
        } catch (IOException e) {
            throw unreadable(path, e);
        }
    }

    static DataFileReader<Example> open(Path path) throws IOException {
        EventCodec.trustGeneratedClasses();
        return new DataFileReader<>(path.toFile(), new SpecificDatumReader<>(Example.class));
    }

    static LoadgenException unreadable(Path path, Exception e) {
        return new LoadgenException(path + " is not a readable Avro file of Examples: " + e.getMessage(), e);
    }
}
