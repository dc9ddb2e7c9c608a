package io.streamcl.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.types.logical.ArrayType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;
import org.junit.jupiter.api.Test;

/** The DDL of docs/sql.md: one table per event type, every field a column, every column readable and writable. */
class DocsDdlTest {

    @Test
    void everyEventHasItsTableWithEveryFieldAndFittingTypes() {
        List<DocsDdl.Table> tables = DocsDdl.tables();
        assertThat(tables).extracting(DocsDdl.Table::event).containsExactlyInAnyOrderElementsOf(
                EventTypes.ALL.stream().map(Class::getSimpleName).toList());
        TableEnvironment env = TableEnvironment.create(EnvironmentSettings.inBatchMode());
        for (DocsDdl.Table table : tables) {
            env.executeSql(table.ddl());
            RowType row = (RowType) env.from(table.name()).getResolvedSchema().toPhysicalRowDataType()
                    .getLogicalType();
            Class<? extends SpecificRecordBase> type = EventTypes.named(table.event());
            AvroToRow.check(type, row);
            RowToAvro.check(type, row);
            assertCovers(SpecificData.get().getSchema(type), row, table.name());
        }
    }

    /** Every field of {@code schema}, at every level, has a column of the same name. */
    private static void assertCovers(Schema schema, LogicalType type, String path) {
        Schema value = Fields.nonNull(schema);
        if (value.getType() == Schema.Type.ARRAY) {
            assertCovers(value.getElementType(), ((ArrayType) type).getElementType(), path + "[]");
        } else if (value.getType() == Schema.Type.RECORD || value.getType() == Schema.Type.UNION) {
            RowType row = (RowType) type;
            List<Schema> parts = value.getType() == Schema.Type.UNION ? value.getTypes() : null;
            List<String> names = parts != null ? parts.stream().map(Schema::getName).toList()
                    : value.getFields().stream().map(Schema.Field::name).toList();
            assertThat(row.getFieldNames()).as("columns of %s", path).containsExactlyElementsOf(names);
            for (int i = 0; i < names.size(); i++) {
                Schema child = parts != null ? parts.get(i) : value.getFields().get(i).schema();
                assertCovers(child, row.getTypeAt(i), path + "." + names.get(i));
            }
        }
    }
}
