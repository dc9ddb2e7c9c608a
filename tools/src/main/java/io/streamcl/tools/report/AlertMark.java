package io.streamcl.tools.report;

import com.fasterxml.jackson.databind.JsonNode;

/** What the report shows of one {@code ForgettingAlert}: a marker at its model step. */
public record AlertMark(String key, String configHash, String configName, long step, Integer taskId, String state,
        String kind, String severity, String text) {

    /** Reads the JSON form of a {@code ForgettingAlert}. */
    public static AlertMark fromJson(JsonNode json) {
        Integer task = json.hasNonNull("taskId") ? json.get("taskId").asInt() : null;
        String message = json.path("message").asText("");
        String text = !message.isEmpty() ? message : json.path("state").asText() + " " + json.path("kind").asText()
                + (task == null ? "" : " task " + task) + " " + json.path("metric").asText("")
                + " depth " + json.path("depth").asText("?");
        return new AlertMark(json.path("key").asText(), json.path("configHash").asText(null),
                json.hasNonNull("configName") ? json.get("configName").asText() : null,
                json.path("modelStep").asLong(), task, json.path("state").asText(), json.path("kind").asText(),
                json.path("severity").asText(), text.trim());
    }
}
