package io.streamcl.schemas.codec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.avro.util.ClassSecurityValidator;

/**
 * Encodes and decodes one event type in Avro single-object encoding (a 2-byte marker, the writer schema's
 * 64-bit fingerprint, then Avro binary), the wire format of every StreamCL topic.
 *
 * <p>The decoder knows every released version of the schema (resources under {@code
 * io/streamcl/schemas/history/vN/}), so records written by older producers still decode, with defaults filled
 * in for fields they did not have. Instances are thread-safe.
 */
public final class EventCodec<T extends SpecificRecordBase> {
    /** Released schema versions, oldest first; add a version here when a schema changes. */
    public static final List<String> RELEASED_VERSIONS = List.of("v1", "v2");

    private static boolean trusted;

    static {
        trustGeneratedClasses();
    }

    private final Class<T> type;
    private final BinaryMessageEncoder<T> encoder;
    private final BinaryMessageDecoder<T> decoder;

    private EventCodec(Class<T> type) {
        this.type = type;
        Schema schema = SpecificData.get().getSchema(type);
        SpecificData model = new SpecificData(type.getClassLoader());
        this.encoder = new BinaryMessageEncoder<>(model, schema);
        this.decoder = new BinaryMessageDecoder<>(model, schema);
        for (Schema older : history(type)) {
            decoder.addSchema(older);
        }
    }

    /** A codec for a generated event class such as {@code Example.class}. */
    public static <T extends SpecificRecordBase> EventCodec<T> of(Class<T> type) {
        return new EventCodec<>(type);
    }

    /** The single-object encoding of {@code event}. */
    public byte[] encode(T event) {
        try {
            ByteBuffer buffer = encoder.encode(event);
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode " + type.getSimpleName(), e);
        }
    }

    /**
     * Decodes single-object-encoded bytes written with any released schema version.
     *
     * @throws IOException naming what is wrong (no header, unknown fingerprint, truncated body)
     */
    public T decode(byte[] bytes) throws IOException {
        if (bytes == null) {
            throw new IOException("record value is null (a tombstone), expected a " + type.getSimpleName());
        }
        try {
            return decoder.decode(bytes);
        } catch (IOException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new IOException("cannot decode " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /** Every released writer schema of {@code type}, oldest first, read from the history resources. */
    public static List<Schema> history(Class<? extends SpecificRecordBase> type) {
        List<Schema> schemas = new ArrayList<>();
        for (String version : RELEASED_VERSIONS) {
            String path = "/io/streamcl/schemas/history/" + version + "/" + type.getSimpleName() + ".avsc";
            try (InputStream in = EventCodec.class.getResourceAsStream(path)) {
                if (in != null) {
                    schemas.add(new Schema.Parser().parse(in));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read released schema " + path, e);
            }
        }
        return schemas;
    }

    /**
     * Lets Avro instantiate StreamCL's generated classes. Avro 1.12 refuses classes outside trusted packages;
     * trusting our own package here spares every JVM (tests, demo, cluster) a system property.
     */
    public static synchronized void trustGeneratedClasses() {
        if (trusted) {
            return;
        }
        trusted = true;
        String ours = "io.streamcl.schemas.";
        ClassSecurityValidator.ClassSecurityPredicate before = ClassSecurityValidator.getGlobal();
        ClassSecurityValidator.setGlobal(
                ClassSecurityValidator.composite(before, c -> c.getName().startsWith(ours)));
    }
}
