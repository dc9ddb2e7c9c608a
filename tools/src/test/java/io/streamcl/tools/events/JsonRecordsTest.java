package io.streamcl.tools.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamcl.schemas.DeadLetter;
import io.streamcl.schemas.EvaluationEvent;
import io.streamcl.schemas.StabilityGap;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonRecordsTest {

    @Test
    void unionsAreBareValuesAndNonFiniteNumbersAreStrings() {
        EvaluationEvent event = SampleEvents.evaluation("k", 10, 1, 0.5, 0.75);
        event.setTrainLoss(Double.NaN);
        event.setOnlineAccuracy(Double.NEGATIVE_INFINITY);

        JsonNode json = JsonRecords.toJson(event);

        assertThat(json.get("trainLoss").asText()).isEqualTo("NaN");
        assertThat(JsonRecords.number(json.get("trainLoss"))).isNaN();
        assertThat(json.get("onlineAccuracy").asText()).isEqualTo("-Infinity");
        assertThat(json.get("currentTask").asInt()).isEqualTo(1);
        assertThat(json.get("tasks").get(1).get("accuracy").asDouble()).isEqualTo(0.75);
        assertThat(json.get("tasks").get(1).get("loss").isNull()).isTrue();
        assertThat(json.get("aggregate").get("avgAccuracy").asDouble()).isEqualTo(0.625);
        assertThat(json.get("eventTime").asText()).isEqualTo("2023-11-14T22:13:20.010Z");
        assertThat(JsonRecords.number(json.get("plasticity"))).isNull();
    }

    @Test
    void bytesAreBase64() {
        DeadLetter letter = DeadLetter.newBuilder().setSourceTopic("examples").setPartition(0).setOffset(7)
                .setValue(ByteBuffer.wrap("hi".getBytes(StandardCharsets.UTF_8))).setReason("bad")
                .setDetectedAt(Instant.EPOCH).build();

        JsonNode json = JsonRecords.toJson(letter);

        assertThat(json.get("value").asText()).isEqualTo("aGk=");
        assertThat(json.get("recordKey").isNull()).isTrue();
        assertThat(json.get("detectedAt").asText()).isEqualTo("1970-01-01T00:00:00Z");
    }

    @Test
    void csvFlattensNestedRecordsAndKeepsArraysAsJson() {
        CsvRecords csv = new CsvRecords(EventType.EVALUATION.schema());
        EvaluationEvent event = SampleEvents.evaluation("a,b", 10, 1, 0.5);

        String header = csv.header();
        String row = csv.row(JsonRecords.toJson(event));

        assertThat(header).startsWith("key,modelStep,examplesSeen,eventTime,configHash,currentTask,trainLoss")
                .contains(",tasks,aggregate.avgAccuracy,aggregate.minAccuracy,")
                .contains("plasticity.dormantFraction");
        assertThat(row).startsWith("\"a,b\",10,320,2023-11-14T22:13:20.010Z,\"cafea,b\",1,");
        assertThat(row).contains("\"[{\"\"taskId\"\":0,\"\"samples\"\":300,\"\"accuracy\"\":0.5,");
    }

    @Test
    void theEmaWeightsGapsOfSchemaV3AreAColumnAndAJsonArray() {
        CsvRecords csv = new CsvRecords(EventType.EVALUATION.schema());
        EvaluationEvent event = SampleEvents.evaluation("k", 10, 1, 0.5);
        event.setEmaStabilityGaps(List.of(StabilityGap.newBuilder().setTaskId(0).setBoundaryStep(5)
                .setPreBoundaryAccuracy(0.8).setDepth(0.1).build()));

        JsonNode json = JsonRecords.toJson(event);

        assertThat(json.get("emaStabilityGaps").get(0).get("depth").asDouble()).isEqualTo(0.1);
        assertThat(csv.header()).endsWith(",emaStabilityGaps");
        assertThat(csv.row(json)).endsWith("\"[{\"\"taskId\"\":0,\"\"boundaryStep\"\":5,\"\"preBoundaryAccuracy\"\":0.8,"
                + "\"\"depth\"\":0.1,\"\"stepsToMinimum\"\":null,\"\"stepsToRecover\"\":null,\"\"area\"\":null,"
                + "\"\"closed\"\":false}]\"");
    }
}
