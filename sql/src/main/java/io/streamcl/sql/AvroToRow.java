package io.streamcl.sql;

import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.table.data.GenericArrayData;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.types.logical.ArrayType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.LogicalTypeRoot;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.table.types.logical.utils.LogicalTypeUtils;

/** Converts a decoded event into Flink's internal row of a table's columns, matched to the fields by name. */
final class AvroToRow {
    private interface Converter {
        Object convert(Object avro);
    }

    private final Converter root;

    private AvroToRow(Converter root) {
        this.root = root;
    }

    /** The converter of {@code type}'s events to rows of {@code row}; a column that does not fit fails here. */
    static AvroToRow of(Class<? extends SpecificRecordBase> type, RowType row) {
        return new AvroToRow(record(SpecificData.get().getSchema(type), row, ""));
    }

    /** Fails with a {@code ValidationException} naming the first column that does not fit {@code type}. */
    static void check(Class<? extends SpecificRecordBase> type, RowType row) {
        of(type, row);
    }

    RowData convert(IndexedRecord event) {
        return (RowData) root.convert(event);
    }

    private static Converter converter(Schema schema, LogicalType type, String path) {
        Converter value = nonNull(Fields.nonNull(schema), type, path);
        return Fields.nullable(schema) ? v -> v == null ? null : value.convert(v) : value;
    }

    private static Converter nonNull(Schema schema, LogicalType type, String path) {
        switch (schema.getType()) {
            case RECORD:
                if (type.is(LogicalTypeRoot.ROW)) {
                    return record(schema, (RowType) type, path + ".");
                }
                break;
            case UNION:
                if (type.is(LogicalTypeRoot.ROW)) {
                    return union(schema, (RowType) type, path + ".");
                }
                break;
            case ARRAY:
                if (type.is(LogicalTypeRoot.ARRAY)) {
                    LogicalType elementType = ((ArrayType) type).getElementType();
                    Converter element = converter(schema.getElementType(), elementType, path + "[]");
                    // typed like Flink's own (Float[] for FLOAT): ArrayData's toFloatArray() and the like cast to it
                    Class<?> elementClass = LogicalTypeUtils.toInternalConversionClass(elementType);
                    return v -> {
                        List<?> list = (List<?>) v;
                        Object[] out = (Object[]) Array.newInstance(elementClass, list.size());
                        for (int i = 0; i < out.length; i++) {
                            out[i] = element.convert(list.get(i));
                        }
                        return new GenericArrayData(out);
                    };
                }
                break;
            case STRING:
            case ENUM:
                if (Fields.isString(type)) {
                    return v -> StringData.fromString(v.toString());
                }
                break;
            case INT:
                if (type.is(LogicalTypeRoot.INTEGER)) {
                    return v -> v;
                }
                if (type.is(LogicalTypeRoot.BIGINT)) {
                    return v -> ((Integer) v).longValue();
                }
                break;
            case LONG:
                if (Fields.isTimestamp(schema) && Fields.isTimestamp(type)) {
                    return v -> TimestampData.fromInstant(Fields.instant(v));
                }
                if (type.is(LogicalTypeRoot.BIGINT)) {
                    return Fields.isTimestamp(schema) ? v -> Fields.instant(v).toEpochMilli() : v -> v;
                }
                break;
            case FLOAT:
                if (type.is(LogicalTypeRoot.FLOAT)) {
                    return v -> v;
                }
                if (type.is(LogicalTypeRoot.DOUBLE)) {
                    return v -> ((Float) v).doubleValue();
                }
                break;
            case DOUBLE:
            case BOOLEAN:
                if (type.is(schema.getType() == Schema.Type.DOUBLE ? LogicalTypeRoot.DOUBLE : LogicalTypeRoot.BOOLEAN)) {
                    return v -> v;
                }
                break;
            case BYTES:
                if (Fields.isBytes(type)) {
                    return v -> {
                        ByteBuffer buffer = ((ByteBuffer) v).duplicate();
                        byte[] bytes = new byte[buffer.remaining()];
                        buffer.get(bytes);
                        return bytes;
                    };
                }
                break;
            default:
                break;
        }
        throw Fields.mismatch(path, type, schema);
    }

    private static Converter record(Schema schema, RowType row, String prefix) {
        int columns = row.getFieldCount();
        int[] positions = new int[columns];
        Converter[] converters = new Converter[columns];
        for (int i = 0; i < columns; i++) {
            String name = row.getFieldNames().get(i);
            Schema.Field field = Fields.field(schema, name, prefix);
            positions[i] = field.pos();
            converters[i] = converter(field.schema(), row.getTypeAt(i), prefix + name);
        }
        return v -> {
            IndexedRecord record = (IndexedRecord) v;
            GenericRowData out = new GenericRowData(columns);
            for (int i = 0; i < columns; i++) {
                out.setField(i, converters[i].convert(record.get(positions[i])));
            }
            return out;
        };
    }

    /** A union of records as a row with one column per branch: the value's branch is set, the others are null. */
    private static Converter union(Schema union, RowType row, String prefix) {
        int columns = row.getFieldCount();
        int[] columnOfBranch = new int[union.getTypes().size()];
        Arrays.fill(columnOfBranch, -1);
        Converter[] converters = new Converter[columns];
        for (int i = 0; i < columns; i++) {
            String name = row.getFieldNames().get(i);
            Schema branch = Fields.branch(union, name, prefix);
            columnOfBranch[union.getIndexNamed(branch.getFullName())] = i;
            converters[i] = converter(branch, row.getTypeAt(i), prefix + name);
        }
        return v -> {
            int column = columnOfBranch[GenericData.get().resolveUnion(union, v)];
            GenericRowData out = new GenericRowData(columns);
            if (column >= 0) {
                out.setField(column, converters[column].convert(v));
            }
            return out;
        };
    }
}
