package io.streamcl.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamcl.schemas.DenseFeatures;
import io.streamcl.schemas.Example;
import io.streamcl.schemas.QuantizedFeatures;
import io.streamcl.schemas.Split;
import io.streamcl.schemas.codec.EventCodec;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.types.logical.RowType;
import org.junit.jupiter.api.Test;

/** Rows to events and back by field name: subsets of columns, defaults, unions of records, and the errors. */
class StreamclAvroFormatTest {
    private static final EventCodec<Example> CODEC = EventCodec.of(Example.class);

    private static RowType examples(boolean withFeatures) {
        var fields = new java.util.ArrayList<>(List.of(
                DataTypes.FIELD("key", DataTypes.STRING()),
                DataTypes.FIELD("seq", DataTypes.BIGINT()),
                DataTypes.FIELD("eventTime", DataTypes.TIMESTAMP_LTZ(3)),
                DataTypes.FIELD("split", DataTypes.STRING()),
                DataTypes.FIELD("label", DataTypes.INT())));
        if (withFeatures) {
            fields.add(DataTypes.FIELD("features", DataTypes.ROW(
                    DataTypes.FIELD("DenseFeatures", DataTypes.ROW(
                            DataTypes.FIELD("values", DataTypes.ARRAY(DataTypes.FLOAT())))),
                    DataTypes.FIELD("QuantizedFeatures", DataTypes.ROW(
                            DataTypes.FIELD("values", DataTypes.BYTES()),
                            DataTypes.FIELD("scale", DataTypes.FLOAT()))))));
        }
        return (RowType) DataTypes.ROW(fields.toArray(new DataTypes.Field[0])).getLogicalType();
    }

    @Test
    void readsTheColumnsItDeclaresInAnyOrderIncludingAUnionOfRecords() throws Exception {
        Example dense = new Example("learner-1", 7L, Instant.ofEpochMilli(1_000), 2, Split.EVAL,
                new DenseFeatures(List.of(0.5f, -1f)), 3, null);
        RowData row = AvroToRow.of(Example.class, examples(true)).convert(CODEC.decode(CODEC.encode(dense)));
        assertThat(row.getString(0).toString()).isEqualTo("learner-1");
        assertThat(row.getLong(1)).isEqualTo(7L);
        assertThat(row.getTimestamp(2, 3).toInstant()).isEqualTo(Instant.ofEpochMilli(1_000));
        assertThat(row.getString(3).toString()).isEqualTo("EVAL");
        assertThat(row.getInt(4)).isEqualTo(3);
        RowData features = row.getRow(5, 2);
        assertThat(features.isNullAt(1)).isTrue();
        assertThat(features.getRow(0, 1).getArray(0).toFloatArray()).containsExactly(0.5f, -1f);

        Example quantized = Example.newBuilder(dense).setLabel(null)
                .setFeatures(new QuantizedFeatures(ByteBuffer.wrap(new byte[] {1, 2}), 0.5f, 0f)).build();
        row = AvroToRow.of(Example.class, examples(true)).convert(CODEC.decode(CODEC.encode(quantized)));
        assertThat(row.isNullAt(4)).isTrue();
        assertThat(row.getRow(5, 2).isNullAt(0)).isTrue();
        assertThat(row.getRow(5, 2).getRow(1, 2).getBinary(0)).containsExactly(1, 2);
        assertThat(row.getRow(5, 2).getRow(1, 2).getFloat(1)).isEqualTo(0.5f);
    }

    @Test
    void writesRowsAsTheJobsWriteEventsWithDefaultsForFieldsWithoutAColumn() throws Exception {
        GenericRowData features = GenericRowData.of(GenericRowData.of(
                new org.apache.flink.table.data.GenericArrayData(new Float[] {1f, 2f})), null);
        GenericRowData row = GenericRowData.of(StringData.fromString("k"), 5L,
                TimestampData.fromInstant(Instant.ofEpochMilli(42)), StringData.fromString("TRAIN"), 1, features);
        Example written = CODEC.decode(CODEC.encode((Example) RowToAvro.of(Example.class, examples(true)).convert(row)));
        assertThat(written).isEqualTo(new Example("k", 5L, Instant.ofEpochMilli(42), null, Split.TRAIN,
                new DenseFeatures(List.of(1f, 2f)), 1, null));
    }

    @Test
    void refusesColumnsThatDoNotFitNamingThem() {
        RowType unknown = (RowType) DataTypes.ROW(DataTypes.FIELD("labl", DataTypes.INT())).getLogicalType();
        assertThatThrownBy(() -> AvroToRow.check(Example.class, unknown)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("column 'labl' is not a field of Example");
        RowType wrongType = (RowType) DataTypes.ROW(DataTypes.FIELD("seq", DataTypes.STRING())).getLogicalType();
        assertThatThrownBy(() -> AvroToRow.check(Example.class, wrongType))
                .hasMessageContaining("column 'seq' is declared");
        assertThatThrownBy(() -> RowToAvro.check(Example.class, examples(false)))
                .hasMessageContaining("column 'features' is missing");
    }

    @Test
    void refusesValuesTheSchemaCannotHoldNamingTheColumn() {
        RowToAvro converter = RowToAvro.of(Example.class, examples(true));
        GenericRowData features = GenericRowData.of(GenericRowData.of(
                new org.apache.flink.table.data.GenericArrayData(new Float[] {1f})), null);
        GenericRowData badSplit = GenericRowData.of(StringData.fromString("k"), 5L,
                TimestampData.fromEpochMillis(1), StringData.fromString("TEST"), null, features);
        assertThatThrownBy(() -> converter.convert(badSplit)).hasMessageContaining("column 'split' is 'TEST'")
                .hasMessageContaining("[TRAIN, EVAL]");
        GenericRowData nullKey = GenericRowData.of(null, 5L, TimestampData.fromEpochMillis(1),
                StringData.fromString("EVAL"), null, features);
        assertThatThrownBy(() -> converter.convert(nullKey)).hasMessageContaining("column 'key' is null");
        GenericRowData noBranch = GenericRowData.of(StringData.fromString("k"), 5L, TimestampData.fromEpochMillis(1),
                StringData.fromString("EVAL"), null, GenericRowData.of(null, null));
        assertThatThrownBy(() -> converter.convert(noBranch)).hasMessageContaining("union column 'features' has 0");
    }
}
