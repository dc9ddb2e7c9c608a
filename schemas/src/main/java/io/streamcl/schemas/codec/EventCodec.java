package io.streamcl.schemas.codec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
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
 *
 * <p>Decoding is safe on untrusted bytes: before Avro sees a record, {@link WireCheck} walks it against its
 * writer schema and rejects any length or count the record cannot hold or its {@link DecodeLimits} forbid, and
 * any failure left, {@link OutOfMemoryError} and {@link StackOverflowError} included, becomes an {@link
 * IOException} naming what is wrong.
 */
public final class EventCodec<T extends SpecificRecordBase> {
    /** Released schema versions, oldest first; add a version here when a schema changes. */
    public static final List<String> RELEASED_VERSIONS = List.of("v1", "v2", "v3");

    private static boolean trusted;

    static {
        trustGeneratedClasses();
    }

    /** Single-object encoding: the 2-byte marker C3 01, then the writer schema's fingerprint, little-endian. */
    private static final int HEADER_BYTES = 10;

    private final Class<T> type;
    private final DecodeLimits limits;
    private final BinaryMessageEncoder<T> encoder;
    private final BinaryMessageDecoder<T> decoder;
    /** The wire check of each known writer schema, by its fingerprint. */
    private final Map<Long, WireCheck> checks = new HashMap<>();

    private EventCodec(Class<T> type, DecodeLimits limits) {
        this.type = type;
        this.limits = limits;
        Schema schema = SpecificData.get().getSchema(type);
        SpecificData model = new SpecificData(type.getClassLoader());
        this.encoder = new BinaryMessageEncoder<>(model, schema);
        this.decoder = new BinaryMessageDecoder<>(model, schema);
        checks.put(SchemaNormalization.parsingFingerprint64(schema), WireCheck.compile(schema, limits));
        for (Schema older : history(type)) {
            decoder.addSchema(older);
            checks.put(SchemaNormalization.parsingFingerprint64(older), WireCheck.compile(older, limits));
        }
    }

    /** A codec for a generated event class such as {@code Example.class}; records are bounded by their length. */
    public static <T extends SpecificRecordBase> EventCodec<T> of(Class<T> type) {
        return new EventCodec<>(type, DecodeLimits.NONE);
    }

    /** A codec whose decoder also rejects records with a field longer than {@code limits} allow. */
    public static <T extends SpecificRecordBase> EventCodec<T> of(Class<T> type, DecodeLimits limits) {
        return new EventCodec<>(type, limits);
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
     * @throws IOException naming what is wrong (no header, unknown fingerprint, the field that is truncated or
     *     claims more than the record holds or the limits allow)
     */
    public T decode(byte[] bytes) throws IOException {
        if (bytes == null) {
            throw new IOException("record value is null (a tombstone), expected a " + type.getSimpleName());
        }
        checkOf(bytes).check(bytes, HEADER_BYTES);
        try {
            return decoder.decode(bytes);
        } catch (IOException | RuntimeException | OutOfMemoryError | StackOverflowError e) {
            throw new IOException("cannot decode " + type.getSimpleName() + ": " + e, e);
        }
    }

    private WireCheck checkOf(byte[] bytes) throws IOException {
        if (bytes.length < HEADER_BYTES || bytes[0] != (byte) 0xC3 || bytes[1] != 0x01) {
            throw new IOException("no Avro single-object header (C3 01 and an 8-byte schema fingerprint): the "
                    + bytes.length + "-byte record starts with " + hex(bytes, Math.min(bytes.length, 4)));
        }
        long fingerprint = ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        WireCheck check = checks.get(fingerprint);
        if (check == null) {
            throw new IOException(String.format("unknown writer-schema fingerprint %016x: not a released %s schema "
                    + "(%s)", fingerprint, type.getSimpleName(), String.join(", ", RELEASED_VERSIONS)));
        }
        return check;
    }

    private static String hex(byte[] bytes, int count) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < count; i++) {
            out.append(String.format("%02X ", bytes[i]));
        }
        return count == 0 ? "nothing" : out.toString().trim();
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
