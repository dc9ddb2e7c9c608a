package io.streamcl.schemas.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamcl.schemas.DeadLetter;
import io.streamcl.schemas.EvaluationEvent;
import io.streamcl.schemas.Example;
import io.streamcl.schemas.ForgettingAlert;
import io.streamcl.schemas.Prediction;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecordBase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Checks each current schema against every released version in both directions: new readers must read old
 * writers (backward) and old readers must read new writers (forward), so consumers and producers can be upgraded
 * in any order.
 */
class SchemaCompatibilityTest {

    @ParameterizedTest
    @ValueSource(classes = {Example.class, EvaluationEvent.class, ForgettingAlert.class, Prediction.class, DeadLetter.class})
    void currentSchemaIsFullyCompatibleWithEveryReleasedVersion(Class<? extends SpecificRecordBase> type) {
        Schema current = SpecificData.get().getSchema(type);
        List<Schema> released = EventCodec.history(type);
        assertThat(released).as("released versions of %s", type.getSimpleName())
                .hasSize(EventCodec.RELEASED_VERSIONS.size());
        for (Schema old : released) {
            assertCompatible("new reader, old writer", current, old);
            assertCompatible("old reader, new writer", old, current);
        }
    }

    @ParameterizedTest
    @ValueSource(classes = {Example.class, EvaluationEvent.class, ForgettingAlert.class, Prediction.class, DeadLetter.class})
    void everyFieldIsDocumented(Class<? extends SpecificRecordBase> type) {
        assertDocumented(SpecificData.get().getSchema(type));
    }

    private static void assertDocumented(Schema schema) {
        switch (schema.getType()) {
            case RECORD -> {
                assertThat(schema.getDoc()).as("doc of record %s", schema.getFullName()).isNotBlank();
                for (Schema.Field field : schema.getFields()) {
                    assertThat(field.doc()).as("doc of %s.%s", schema.getName(), field.name()).isNotBlank();
                    assertDocumented(field.schema());
                }
            }
            case UNION -> schema.getTypes().forEach(SchemaCompatibilityTest::assertDocumented);
            case ARRAY -> assertDocumented(schema.getElementType());
            case ENUM -> assertThat(schema.getEnumDefault()).as("default symbol of enum %s", schema.getName()).isNotNull();
            default -> { }
        }
    }

    private static void assertCompatible(String direction, Schema reader, Schema writer) {
        SchemaCompatibility.SchemaPairCompatibility result =
                SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
        assertThat(result.getType())
                .as("%s for %s: %s", direction, reader.getName(), result.getDescription())
                .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
    }
}
