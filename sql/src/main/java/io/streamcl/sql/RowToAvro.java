package io.streamcl.sql;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.data.ArrayData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.types.logical.ArrayType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.LogicalTypeRoot;
import org.apache.flink.table.types.logical.RowType;

/**
 * Converts Flink's internal rows into events of the current schema, matching columns to fields by name; a field
 * without a column takes its schema default.
 */
final class RowToAvro {
    private interface Converter {
        Object convert(Object internal);
    }

    private final SpecificData model;
    private final Converter root;

    private RowToAvro(Class<? extends SpecificRecordBase> type, RowType row) {
        this.model = SpecificData.getForClass(type);
        this.root = record(model.getSchema(type), row, "");
    }

    /** The converter of rows of {@code row} to {@code type}'s events; a column that does not fit fails here. */
    static RowToAvro of(Class<? extends SpecificRecordBase> type, RowType row) {
        return new RowToAvro(type, row);
    }

    /** Fails with a {@code ValidationException} naming the first column that does not fit or is missing. */
    static void check(Class<? extends SpecificRecordBase> type, RowType row) {
        of(type, row);
    }

    /** The event; a null in a column whose field is not nullable fails naming the column. */
    SpecificRecordBase convert(RowData row) {
        return (SpecificRecordBase) root.convert(row);
    }

    private Converter converter(Schema schema, LogicalType type, String path) {
        Converter value = nonNull(Fields.nonNull(schema), type, path);
        boolean nullable = Fields.nullable(schema);
        return v -> {
            if (v != null) {
                return value.convert(v);
            }
            if (nullable) {
                return null;
            }
            throw new IllegalArgumentException("column '" + path + "' is null, but its Avro field is not nullable");
        };
    }

    private Converter nonNull(Schema schema, LogicalType type, String path) {
        switch (schema.getType()) {
            case RECORD:
                if (type.is(LogicalTypeRoot.ROW)) {
                    return record(schema, (RowType) type, path + ".");
                }
                break;
            case UNION:
                if (type.is(LogicalTypeRoot.ROW)) {
                    return union(schema, (RowType) type, path);
                }
                break;
            case ARRAY:
                if (type.is(LogicalTypeRoot.ARRAY)) {
                    LogicalType elementType = ((ArrayType) type).getElementType();
                    ArrayData.ElementGetter getter = ArrayData.createElementGetter(elementType);
                    Converter element = converter(schema.getElementType(), elementType, path + "[]");
                    return v -> {
                        ArrayData array = (ArrayData) v;
                        List<Object> out = new ArrayList<>(array.size());
                        for (int i = 0; i < array.size(); i++) {
                            out.add(element.convert(getter.getElementOrNull(array, i)));
                        }
                        return out;
                    };
                }
                break;
            case STRING:
                if (Fields.isString(type)) {
                    return Object::toString;
                }
                break;
            case ENUM:
                if (Fields.isString(type)) {
                    return v -> {
                        String symbol = v.toString();
                        if (!schema.hasEnumSymbol(symbol)) {
                            throw new IllegalArgumentException("column '" + path + "' is '" + symbol + "', not one of "
                                    + schema.getEnumSymbols());
                        }
                        return model.createEnum(symbol, schema);
                    };
                }
                break;
            case INT:
                if (type.is(LogicalTypeRoot.INTEGER)) {
                    return v -> v;
                }
                if (type.is(LogicalTypeRoot.BIGINT)) {
                    return v -> Math.toIntExact((Long) v);
                }
                break;
            case LONG:
                if (Fields.isTimestamp(schema) && Fields.isTimestamp(type)) {
                    return v -> ((TimestampData) v).toInstant();
                }
                if (type.is(LogicalTypeRoot.BIGINT)) {
                    return Fields.isTimestamp(schema) ? v -> Instant.ofEpochMilli((Long) v) : v -> v;
                }
                break;
            case FLOAT:
            case BOOLEAN:
                if (type.is(schema.getType() == Schema.Type.FLOAT ? LogicalTypeRoot.FLOAT : LogicalTypeRoot.BOOLEAN)) {
                    return v -> v;
                }
                break;
            case DOUBLE:
                if (type.is(LogicalTypeRoot.DOUBLE)) {
                    return v -> v;
                }
                if (type.is(LogicalTypeRoot.FLOAT)) {
                    return v -> ((Float) v).doubleValue();
                }
                break;
            case BYTES:
                if (Fields.isBytes(type)) {
                    return v -> ByteBuffer.wrap((byte[]) v);
                }
                break;
            default:
                break;
        }
        throw Fields.mismatch(path, type, schema);
    }

    private Converter record(Schema schema, RowType row, String prefix) {
        for (String name : row.getFieldNames()) {
            Fields.field(schema, name, prefix);
        }
        List<Schema.Field> fields = schema.getFields();
        Converter[] converters = new Converter[fields.size()];
        for (Schema.Field field : fields) {
            int column = row.getFieldIndex(field.name());
            if (column >= 0) {
                RowData.FieldGetter getter = RowData.createFieldGetter(row.getTypeAt(column), column);
                Converter value = converter(field.schema(), row.getTypeAt(column), prefix + field.name());
                converters[field.pos()] = r -> value.convert(getter.getFieldOrNull((RowData) r));
            } else if (field.hasDefaultValue()) {
                converters[field.pos()] = r -> model.deepCopy(field.schema(), model.getDefaultValue(field));
            } else {
                throw new ValidationException("column '" + prefix + field.name() + "' is missing: writing a "
                        + schema.getName() + " needs every field without a default");
            }
        }
        return v -> {
            IndexedRecord record = (IndexedRecord) model.newRecord(null, schema);
            for (int i = 0; i < converters.length; i++) {
                record.put(i, converters[i].convert(v));
            }
            return record;
        };
    }

    /** A row with one column per union branch, exactly one of them set, as the value of that branch. */
    private Converter union(Schema union, RowType row, String path) {
        String prefix = path + ".";
        int columns = row.getFieldCount();
        Converter[] converters = new Converter[columns];
        RowData.FieldGetter[] getters = new RowData.FieldGetter[columns];
        for (int i = 0; i < columns; i++) {
            String name = row.getFieldNames().get(i);
            converters[i] = converter(Fields.branch(union, name, prefix), row.getTypeAt(i), prefix + name);
            getters[i] = RowData.createFieldGetter(row.getTypeAt(i), i);
        }
        return v -> {
            Object result = null;
            int set = 0;
            for (int i = 0; i < columns; i++) {
                Object branch = getters[i].getFieldOrNull((RowData) v);
                if (branch != null) {
                    result = converters[i].convert(branch);
                    set++;
                }
            }
            if (set != 1) {
                throw new IllegalArgumentException("union column '" + path + "' has " + set
                        + " branches set; exactly one of " + row.getFieldNames() + " must be");
            }
            return result;
        };
    }
}
