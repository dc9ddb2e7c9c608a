package io.streamcl.tools.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamcl.tools.events.JsonRecords;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the report uses of one {@code EvaluationEvent}, read from its JSON form (see {@code JsonRecords}), so that
 * topics, Avro files and JSON lines from {@code events} all arrive the same way. Fields a schema version lacks are
 * null.
 *
 * @param endedTask the task whose training ended at this evaluation (a boundary evaluation), else null
 * @param tasks per task id, in the event's order
 * @param plasticity diagnostic name to value, only those present
 */
public record Evaluation(String key, String configHash, String configName, long step, long examplesSeen,
        Integer currentTask, Integer endedTask, Double trainLoss, Double onlineAccuracy, Map<Integer, TaskScore> tasks,
        Aggregate aggregate, Aggregate emaAggregate, List<Gap> gaps, Map<String, Double> plasticity, String trigger) {

    /** One task's scores in this evaluation. */
    public record TaskScore(int samples, Double accuracy, Double emaAccuracy, Double onlineAccuracy) {
    }

    /** The learner's own aggregates (null fields when it did not compute them). */
    public record Aggregate(Double avgAccuracy, Double minAccuracy, Double worstCaseAccuracy,
            Double windowedForgetting10, Double windowedPlasticity10, Double forwardTransfer) {
    }

    /** One stability gap as the learner measured it. */
    public record Gap(int taskId, long boundaryStep, double preBoundaryAccuracy, Double depth, Long stepsToMinimum,
            Long stepsToRecover, boolean closed) {
    }

    /** The plasticity diagnostics the report plots, in the order it plots them. */
    public static final List<String> PLASTICITY = List.of("dormantFraction", "effectiveRank", "approximateRank",
            "weightMagnitude", "gradientNorm");

    /** Reads the JSON form of an {@code EvaluationEvent}. */
    public static Evaluation fromJson(JsonNode json) {
        Map<Integer, TaskScore> tasks = new LinkedHashMap<>();
        for (JsonNode task : json.path("tasks")) {
            tasks.put(task.get("taskId").asInt(), new TaskScore(task.path("samples").asInt(),
                    JsonRecords.number(task.get("accuracy")), JsonRecords.number(task.get("emaAccuracy")),
                    JsonRecords.number(task.get("onlineAccuracy"))));
        }
        List<Gap> gaps = new ArrayList<>();
        for (JsonNode gap : json.path("stabilityGaps")) {
            gaps.add(new Gap(gap.get("taskId").asInt(), gap.get("boundaryStep").asLong(),
                    gap.get("preBoundaryAccuracy").asDouble(), JsonRecords.number(gap.get("depth")),
                    longOrNull(gap.get("stepsToMinimum")), longOrNull(gap.get("stepsToRecover")),
                    gap.path("closed").asBoolean()));
        }
        Map<String, Double> plasticity = new LinkedHashMap<>();
        JsonNode diagnostics = json.get("plasticity");
        for (String name : PLASTICITY) {
            Double value = diagnostics == null ? null : JsonRecords.number(diagnostics.get(name));
            if (value != null) {
                plasticity.put(name, value);
            }
        }
        return new Evaluation(json.path("key").asText(), text(json.get("configHash")), text(json.get("configName")),
                json.path("modelStep").asLong(), json.path("examplesSeen").asLong(), intOrNull(json.get("currentTask")),
                intOrNull(json.path("aggregate").get("endedTask")), JsonRecords.number(json.get("trainLoss")), JsonRecords.number(json.get("onlineAccuracy")), tasks,
                aggregate(json.get("aggregate")), aggregate(json.get("emaAggregate")), gaps, plasticity,
                text(json.get("trigger")));
    }

    /**
     * This evaluation as seen through the EMA weights: each task's accuracy is its EMA accuracy and the
     * aggregates are the EMA ones; null when no task has an EMA accuracy.
     */
    public Evaluation emaView() {
        Map<Integer, TaskScore> ema = new LinkedHashMap<>();
        tasks.forEach((task, score) -> {
            if (score.emaAccuracy() != null) {
                ema.put(task, new TaskScore(score.samples(), score.emaAccuracy(), null, score.onlineAccuracy()));
            }
        });
        if (ema.isEmpty()) {
            return null;
        }
        return new Evaluation(key, configHash, configName, step, examplesSeen, currentTask, endedTask, trainLoss,
                onlineAccuracy, ema, emaAggregate, null, List.of(), plasticity, trigger);
    }

    /**
     * This evaluation and a later event of the same model step as one: the learner emits a periodic evaluation
     * and then a boundary event that scores no task at the same step, so scores come from whichever has them,
     * the boundary (ended task, new current task, boundary aggregates) from the later one.
     */
    public Evaluation mergedWith(Evaluation later) {
        Map<Integer, TaskScore> merged = new LinkedHashMap<>(tasks);
        later.tasks.forEach((task, score) -> {
            if (score.accuracy() != null || !merged.containsKey(task)) {
                merged.put(task, score);
            }
        });
        List<Gap> allGaps = new ArrayList<>(gaps);
        allGaps.addAll(later.gaps);
        return new Evaluation(later.key, later.configHash, later.configName, later.step, later.examplesSeen,
                later.currentTask, later.endedTask != null ? later.endedTask : endedTask,
                later.trainLoss != null ? later.trainLoss : trainLoss,
                later.onlineAccuracy != null ? later.onlineAccuracy : onlineAccuracy, merged,
                later.aggregate != null ? later.aggregate : aggregate,
                later.emaAggregate != null ? later.emaAggregate : emaAggregate, allGaps,
                later.plasticity.isEmpty() ? plasticity : later.plasticity, later.trigger);
    }

    /** The accuracy on {@code task}, or null when it was not evaluated. */
    public Double accuracy(int task) {
        TaskScore score = tasks.get(task);
        return score == null ? null : score.accuracy();
    }

    private static Aggregate aggregate(JsonNode json) {
        if (json == null || json.isNull()) {
            return null;
        }
        return new Aggregate(JsonRecords.number(json.get("avgAccuracy")), JsonRecords.number(json.get("minAccuracy")),
                JsonRecords.number(json.get("worstCaseAccuracy")),
                JsonRecords.number(json.get("windowedForgetting10")),
                JsonRecords.number(json.get("windowedPlasticity10")), JsonRecords.number(json.get("forwardTransfer")));
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }

    private static Integer intOrNull(JsonNode node) {
        return node == null || node.isNull() ? null : node.asInt();
    }

    private static Long longOrNull(JsonNode node) {
        return node == null || node.isNull() ? null : node.asLong();
    }
}
