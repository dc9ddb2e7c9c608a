package io.streamcl.schemas.codec;

import java.io.IOException;
import java.util.List;
import org.apache.avro.Schema;

/**
 * Walks one Avro-binary datum against its writer schema without building it: every varint, union branch, enum
 * index, length and count claim is checked against the bytes left in the record and against the {@link
 * DecodeLimits}, so that Avro, decoding what passes, never allocates more than the record's own size (and the
 * caps) warrant. Failures name the field path, e.g. {@code features.values}.
 *
 * <p>Why not Avro's own guards: Avro 1.12.2 checks string and bytes lengths against the bytes left, but sizes the
 * list of an array from the block count alone, and its {@code org.apache.avro.limits.*} caps are JVM-wide system
 * properties read once per class loader, which cannot differ between the jobs of one TaskManager. An array item
 * that encodes to no bytes (only possible with {@code null} items) is counted as one byte, so counts stay bounded
 * by the record's length.
 */
final class WireCheck {
    /** Deeper nesting is only possible with recursive schemas, which no StreamCL event has. */
    private static final int MAX_DEPTH = 64;

    private final byte[] bytes;
    private final DecodeLimits limits;
    private int pos;

    private WireCheck(byte[] bytes, int start, DecodeLimits limits) {
        this.bytes = bytes;
        this.pos = start;
        this.limits = limits;
    }

    /** Checks the datum of {@code writer} that starts at {@code start} and must end exactly at the array's end. */
    static void check(Schema writer, byte[] bytes, int start, DecodeLimits limits) throws IOException {
        WireCheck check = new WireCheck(bytes, start, limits);
        check.datum(writer, "", 0);
        if (check.pos != bytes.length) {
            throw new IOException("the record has " + (bytes.length - check.pos) + " bytes after its last field");
        }
    }

    private void datum(Schema schema, String path, int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw fail(path, "nested deeper than " + MAX_DEPTH + " levels");
        }
        switch (schema.getType()) {
            case NULL -> { }
            case BOOLEAN -> skip(1, path);
            case INT -> readInt(path);
            case LONG -> readLong(path);
            case FLOAT -> skip(4, path);
            case DOUBLE -> skip(8, path);
            case FIXED -> skip(schema.getFixedSize(), path);
            case STRING, BYTES -> skip(length(path), path);
            case ENUM -> index(schema.getEnumSymbols().size(), "enum symbol of " + schema.getName(), path);
            case UNION -> {
                List<Schema> branches = schema.getTypes();
                datum(branches.get(index(branches.size(), "union branch", path)), path, depth + 1);
            }
            case RECORD -> {
                for (Schema.Field field : schema.getFields()) {
                    datum(field.schema(), path.isEmpty() ? field.name() : path + "." + field.name(), depth + 1);
                }
            }
            case ARRAY -> items(schema.getElementType(), null, path, depth);
            case MAP -> items(schema.getValueType(), Schema.create(Schema.Type.STRING), path, depth);
            default -> throw fail(path, "unsupported schema type " + schema.getType());
        }
    }

    /** Array or map blocks: a count (negative: followed by the block's byte size), the items, and a 0 count last. */
    private void items(Schema item, Schema mapKey, String path, int depth) throws IOException {
        long total = 0;
        int cap = limits.maxLength(path);
        long itemBytes = Math.max(1, minimumSize(item) + (mapKey == null ? 0 : 1));
        for (long count = readLong(path); count != 0; count = readLong(path)) {
            if (count < 0) {
                count = -count;
                long blockBytes = readLong(path);
                if (count < 0 || blockBytes < 0) {
                    throw fail(path, "negative block count or size");
                }
            }
            total += count;
            if (total > cap) {
                throw fail(path, total + " items exceed the limit of " + cap);
            }
            if (count > remaining() / itemBytes) {
                throw fail(path, "claims " + count + " items of at least " + itemBytes + " bytes, but only "
                        + remaining() + " bytes are left in the record");
            }
            Integer fixed = fixedSize(item);
            if (mapKey == null && fixed != null) {
                skip(count * fixed, path);
                continue;
            }
            for (long i = 0; i < count; i++) {
                String itemPath = path + "[" + i + "]";
                if (mapKey != null) {
                    datum(mapKey, itemPath + ".key", depth + 1);
                }
                datum(item, itemPath, depth + 1);
            }
        }
    }

    private long length(String path) throws IOException {
        long length = readLong(path);
        if (length < 0) {
            throw fail(path, "negative length " + length);
        }
        int cap = limits.maxLength(path);
        if (length > cap) {
            throw fail(path, "length " + length + " exceeds the limit of " + cap + " bytes");
        }
        return length;
    }

    private int index(int size, String what, String path) throws IOException {
        int index = readInt(path);
        if (index < 0 || index >= size) {
            throw fail(path, what + " " + index + " does not exist (there are " + size + ")");
        }
        return index;
    }

    private int readInt(String path) throws IOException {
        long value = varint(path, 5);
        if (value != (int) value) {
            throw fail(path, "int varint out of range");
        }
        return (int) value;
    }

    private long readLong(String path) throws IOException {
        return varint(path, 10);
    }

    /** A zig-zag varint of at most {@code maxBytes} bytes. */
    private long varint(String path, int maxBytes) throws IOException {
        long raw = 0;
        for (int shift = 0, read = 0; ; shift += 7) {
            if (pos >= bytes.length) {
                throw fail(path, "the record ends inside this field");
            }
            byte b = bytes[pos++];
            raw |= (long) (b & 0x7F) << shift;
            if (++read > maxBytes) {
                throw fail(path, "malformed varint (more than " + maxBytes + " bytes)");
            }
            if (b >= 0) {
                return (raw >>> 1) ^ -(raw & 1);
            }
        }
    }

    private void skip(long count, String path) throws IOException {
        if (count > remaining()) {
            throw fail(path, "needs " + count + " bytes, but only " + remaining() + " are left in the record");
        }
        pos += (int) count;
    }

    private int remaining() {
        return bytes.length - pos;
    }

    private static Integer fixedSize(Schema schema) {
        return switch (schema.getType()) {
            case NULL -> 0;
            case FLOAT -> 4;
            case DOUBLE -> 8;
            case FIXED -> schema.getFixedSize();
            default -> null;
        };
    }

    /** The fewest bytes a datum of {@code schema} can take; non-recursive schemas only (as {@link #MAX_DEPTH}). */
    private static long minimumSize(Schema schema) {
        return switch (schema.getType()) {
            case NULL -> 0;
            case FLOAT -> 4;
            case DOUBLE -> 8;
            case FIXED -> schema.getFixedSize();
            case RECORD -> schema.getFields().stream().mapToLong(f -> minimumSize(f.schema())).sum();
            case UNION -> 1 + schema.getTypes().stream().mapToLong(WireCheck::minimumSize).min().orElse(0);
            default -> 1;
        };
    }

    private static IOException fail(String path, String problem) {
        return new IOException((path.isEmpty() ? "record" : "field '" + path + "'") + ": " + problem);
    }
}
