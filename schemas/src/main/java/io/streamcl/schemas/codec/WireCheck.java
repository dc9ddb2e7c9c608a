package io.streamcl.schemas.codec;

import java.io.IOException;
import java.util.List;
import org.apache.avro.Schema;

/**
 * Walks one Avro-binary datum against its writer schema without building it: every varint, union branch, enum
 * index, length and count claim is checked against the bytes left in the record and against the {@link
 * DecodeLimits}, so that Avro, decoding what passes, never allocates more than the record's own size (and the
 * caps) warrant. Failures name the field path, e.g. {@code features.values} or {@code tasks[].accuracy}.
 *
 * <p>Why not Avro's own guards: Avro 1.12.2 cannot see how many bytes its single-object decoder has left (it reads
 * from a stream), so a 19-byte record claiming a 1 GiB string is allocated; its {@code org.apache.avro.limits.*}
 * caps are JVM-wide system properties read once per class loader, which cannot follow the model of each job on a
 * TaskManager. An array item that encodes to no bytes (only possible with {@code null} items) is counted as one
 * byte, so counts stay bounded by the record's length.
 *
 * <p>The schema is compiled once into a tree of {@link Node}s holding each field's path and cap, so a check costs
 * no allocation beyond its cursor. Instances are immutable and thread-safe. Recursive schemas are not supported.
 */
final class WireCheck {
    /** Deeper nesting is only possible with recursive schemas, which no StreamCL event has. */
    private static final int MAX_DEPTH = 64;

    private final Node root;

    private WireCheck(Node root) {
        this.root = root;
    }

    /** The check of datums written with {@code writer}, under {@code limits}. */
    static WireCheck compile(Schema writer, DecodeLimits limits) {
        return new WireCheck(node(writer, "", limits, 0));
    }

    /** Checks the datum that starts at {@code start} and must end exactly at the array's end. */
    void check(byte[] bytes, int start) throws IOException {
        Cursor cursor = new Cursor(bytes, start);
        cursor.datum(root);
        if (cursor.pos != bytes.length) {
            throw new IOException("the record has " + (bytes.length - cursor.pos) + " bytes after its last field");
        }
    }

    /**
     * One schema position: its type, field path and cap; children are a record's fields, a union's branches, or an
     * array's item / a map's value; {@code size} is a fixed's size, an enum's symbol count, or an array item's
     * encoded size when fixed (else -1); {@code minItemBytes} is the fewest bytes an array item or map entry takes.
     */
    private record Node(Schema.Type type, String path, int cap, int size, long minItemBytes, Node[] children) {}

    private static Node node(Schema schema, String path, DecodeLimits limits, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("schema " + schema.getFullName() + " nests deeper than " + MAX_DEPTH
                    + " levels at " + path + " (recursive schemas are not supported)");
        }
        int cap = limits.maxLength(path);
        return switch (schema.getType()) {
            case RECORD -> new Node(Schema.Type.RECORD, path, cap, 0, 0, schema.getFields().stream()
                    .map(f -> node(f.schema(), path.isEmpty() ? f.name() : path + "." + f.name(), limits, depth + 1))
                    .toArray(Node[]::new));
            case UNION -> new Node(Schema.Type.UNION, path, cap, 0, 0, schema.getTypes().stream()
                    .map(branch -> node(branch, path, limits, depth + 1)).toArray(Node[]::new));
            case ARRAY -> collection(schema.getElementType(), 0, path, cap, limits, depth);
            case MAP -> collection(schema.getValueType(), 1, path, cap, limits, depth);
            case ENUM -> new Node(Schema.Type.ENUM, path, cap, schema.getEnumSymbols().size(), 0, new Node[0]);
            case FIXED -> new Node(Schema.Type.FIXED, path, cap, schema.getFixedSize(), 0, new Node[0]);
            default -> new Node(schema.getType(), path, cap, 0, 0, new Node[0]);
        };
    }

    private static Node collection(Schema item, int keyBytes, String path, int cap, DecodeLimits limits, int depth) {
        Node child = node(item, path + "[]", limits, depth + 1);
        int fixed = keyBytes == 0 ? fixedSize(child) : -1;
        return new Node(keyBytes == 0 ? Schema.Type.ARRAY : Schema.Type.MAP, path, cap, fixed,
                Math.max(1, keyBytes + minimumSize(child)), new Node[] {child});
    }

    private static int fixedSize(Node node) {
        return switch (node.type()) {
            case NULL -> 0;
            case FLOAT -> 4;
            case DOUBLE -> 8;
            case FIXED -> node.size();
            default -> -1;
        };
    }

    private static long minimumSize(Node node) {
        return switch (node.type()) {
            case NULL -> 0;
            case FLOAT -> 4;
            case DOUBLE -> 8;
            case FIXED -> node.size();
            case RECORD -> List.of(node.children()).stream().mapToLong(WireCheck::minimumSize).sum();
            case UNION -> 1 + List.of(node.children()).stream().mapToLong(WireCheck::minimumSize).min().orElse(0);
            default -> 1;
        };
    }

    /** A position in one record's bytes. */
    private static final class Cursor {
        private final byte[] bytes;
        private int pos;

        Cursor(byte[] bytes, int start) {
            this.bytes = bytes;
            this.pos = start;
        }

        void datum(Node node) throws IOException {
            switch (node.type()) {
                case NULL -> { }
                case BOOLEAN -> skip(1, node);
                case INT -> readInt(node);
                case LONG -> readLong(node);
                case FLOAT -> skip(4, node);
                case DOUBLE -> skip(8, node);
                case FIXED -> skip(node.size(), node);
                case STRING, BYTES -> skip(length(node), node);
                case ENUM -> index(node.size(), "enum symbol", node);
                case UNION -> datum(node.children()[index(node.children().length, "union branch", node)]);
                case RECORD -> {
                    for (Node field : node.children()) {
                        datum(field);
                    }
                }
                case ARRAY, MAP -> items(node);
                default -> throw fail(node, "unsupported schema type " + node.type());
            }
        }

        /** Blocks: a count (negative: followed by the block's byte size), the items, and a 0 count last. */
        private void items(Node node) throws IOException {
            Node item = node.children()[0];
            long total = 0;
            for (long count = readLong(node); count != 0; count = readLong(node)) {
                if (count < 0) {
                    count = -count;
                    if (count < 0 || readLong(node) < 0) {
                        throw fail(node, "negative block count or size");
                    }
                }
                total += count;
                if (total > node.cap()) {
                    throw fail(node, total + " items exceed the limit of " + node.cap());
                }
                if (count > remaining() / node.minItemBytes()) {
                    throw fail(node, "claims " + count + " items of at least " + node.minItemBytes()
                            + " bytes, but only " + remaining() + " bytes are left in the record");
                }
                if (node.size() >= 0) {
                    skip(count * node.size(), node);
                    continue;
                }
                for (long i = 0; i < count; i++) {
                    if (node.type() == Schema.Type.MAP) {
                        skip(length(item), item);
                    }
                    datum(item);
                }
            }
        }

        private long length(Node node) throws IOException {
            long length = readLong(node);
            if (length < 0) {
                throw fail(node, "negative length " + length);
            }
            if (length > node.cap()) {
                throw fail(node, "length " + length + " exceeds the limit of " + node.cap() + " bytes");
            }
            return length;
        }

        private int index(int size, String what, Node node) throws IOException {
            int index = readInt(node);
            if (index < 0 || index >= size) {
                throw fail(node, what + " " + index + " does not exist (there are " + size + ")");
            }
            return index;
        }

        private int readInt(Node node) throws IOException {
            long value = varint(node, 5);
            if (value != (int) value) {
                throw fail(node, "int varint out of range");
            }
            return (int) value;
        }

        private long readLong(Node node) throws IOException {
            return varint(node, 10);
        }

        /** A zig-zag varint of at most {@code maxBytes} bytes. */
        private long varint(Node node, int maxBytes) throws IOException {
            long raw = 0;
            for (int shift = 0, read = 0; ; shift += 7) {
                if (pos >= bytes.length) {
                    throw fail(node, "the record ends inside this field");
                }
                byte b = bytes[pos++];
                raw |= (long) (b & 0x7F) << shift;
                if (++read > maxBytes) {
                    throw fail(node, "malformed varint (more than " + maxBytes + " bytes)");
                }
                if (b >= 0) {
                    return (raw >>> 1) ^ -(raw & 1);
                }
            }
        }

        private void skip(long count, Node node) throws IOException {
            if (count > remaining()) {
                throw fail(node, "needs " + count + " bytes, but only " + remaining() + " are left in the record");
            }
            pos += (int) count;
        }

        private int remaining() {
            return bytes.length - pos;
        }

        private static IOException fail(Node node, String problem) {
            return new IOException((node.path().isEmpty() ? "record" : "field '" + node.path() + "'") + ": " + problem);
        }
    }
}
