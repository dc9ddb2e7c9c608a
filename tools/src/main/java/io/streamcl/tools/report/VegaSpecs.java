package io.streamcl.tools.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Vega-Lite specifications of the report's interactive charts, as maps ready to serialise to JSON. */
final class VegaSpecs {
    private static final String SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json";

    private VegaSpecs() {
    }

    /** Held-out accuracy per task against model step, boundaries as dashed rules, alerts as triangles on top. */
    static Map<String, Object> accuracy(RunSeries series) {
        List<Map<String, Object>> rows = new ArrayList<>();
        ChartData.accuracyCurves(series).forEach((task, points) -> points.forEach(p ->
                rows.add(map("step", p.x(), "task", "task " + task, "taskId", task, "accuracy", p.y()))));
        List<Map<String, Object>> rules = series.boundaries().stream()
                .map(b -> map("step", (Object) b.step(), "boundary", "end of task " + b.endedTask())).toList();
        List<Map<String, Object>> alerts = series.alerts().stream()
                .map(a -> map("step", (Object) a.step(), "alert", a.text(), "severity", a.severity(), "state", a.state()))
                .toList();
        List<Object> layers = new ArrayList<>();
        layers.add(map("data", values(rows), "mark", map("type", "line", "interpolate", "linear", "strokeWidth", 1.2),
                "encoding", map(
                        "x", map("field", "step", "type", "quantitative", "title", "model step"),
                        "y", map("field", "accuracy", "type", "quantitative", "title", "held-out accuracy",
                                "scale", map("domain", List.of(0, 1))),
                        "color", map("field", "task", "type", "nominal", "title", "task",
                                "sort", map("field", "taskId")),
                        "tooltip", List.of(map("field", "task"), map("field", "step"),
                                map("field", "accuracy", "format", ".3f")))));
        if (!rules.isEmpty()) {
            layers.add(map("data", values(rules), "mark", map("type", "rule", "strokeDash", List.of(4, 3),
                    "color", "#555"), "encoding", map("x", map("field", "step", "type", "quantitative"),
                    "tooltip", List.of(map("field", "boundary"), map("field", "step")))));
        }
        if (!alerts.isEmpty()) {
            layers.add(map("data", values(alerts), "mark", map("type", "point", "shape", "triangle-down",
                    "filled", true, "size", 90), "encoding", map(
                    "x", map("field", "step", "type", "quantitative"), "y", map("datum", 1),
                    "color", map("field", "severity", "type", "nominal", "title", "alert",
                            "scale", map("domain", List.of("INFO", "WARNING", "CRITICAL"),
                                    "range", List.of("#999999", "#e08a00", "#c00000"))),
                    "tooltip", List.of(map("field", "alert"), map("field", "state"), map("field", "step")))));
        }
        return map("$schema", SCHEMA, "width", "container", "height", 260, "layer", layers,
                "resolve", map("scale", map("color", "independent")));
    }

    /** One small chart per boundary: the old tasks' accuracy against steps since the boundary. */
    static Map<String, Object> gapZoom(RunSeries series) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (ChartData.GapWindow window : ChartData.gapWindows(series)) {
            String boundary = "step " + window.boundaryStep() + " (end of task " + window.endedTask() + ")";
            window.curves().forEach((task, points) -> points.forEach(p -> rows.add(map("boundary", boundary,
                    "order", window.boundaryStep(), "task", "task " + task, "taskId", task,
                    "since", p.x(), "accuracy", p.y()))));
        }
        return map("$schema", SCHEMA, "data", values(rows),
                "facet", map("field", "boundary", "type", "nominal", "title", "boundary",
                        "sort", map("field", "order")),
                "columns", 4,
                "spec", map("width", 200, "height", 140, "layer", List.of(
                        map("mark", map("type", "line", "point", map("size", 12)), "encoding", map(
                                "x", map("field", "since", "type", "quantitative", "title", "steps since boundary"),
                                "y", map("field", "accuracy", "type", "quantitative", "title", "accuracy",
                                        "scale", map("domain", List.of(0, 1))),
                                "color", map("field", "task", "type", "nominal", "sort", map("field", "taskId")),
                                "tooltip", List.of(map("field", "task"), map("field", "since"),
                                        map("field", "accuracy", "format", ".3f")))),
                        map("mark", map("type", "rule", "strokeDash", List.of(4, 3), "color", "#555"),
                                "encoding", map("x", map("datum", 0))))));
    }

    /** The diagnostics over model steps, one row per diagnostic, one colour per series. */
    static Map<String, Object> diagnostics(List<RunSeries> all) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (RunSeries series : all) {
            ChartData.diagnostics(series).forEach((metric, points) -> points.forEach(p -> rows.add(map(
                    "series", series.name(), "metric", metric, "step", p.x(), "value", p.y()))));
        }
        return map("$schema", SCHEMA, "data", values(rows),
                "facet", map("row", map("field", "metric", "type", "nominal", "title", null)),
                "resolve", map("scale", map("y", "independent")),
                "spec", map("width", 640, "height", 110, "mark", map("type", "line", "strokeWidth", 1.2),
                        "encoding", map(
                                "x", map("field", "step", "type", "quantitative", "title", "model step"),
                                "y", map("field", "value", "type", "quantitative", "title", null),
                                "color", map("field", "series", "type", "nominal", "title", "configuration"),
                                "tooltip", List.of(map("field", "series"), map("field", "metric"),
                                        map("field", "step"), map("field", "value", "format", ".4g")))));
    }

    /** Per task, in stream order, the online accuracy (or training loss) of each series. */
    static Map<String, Object> onlinePerTask(List<RunSeries> all, boolean accuracy) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (RunSeries series : all) {
            ChartData.onlinePerTask(series, accuracy).forEach(p -> rows.add(map(
                    "series", series.name(), "task", p.x(), "value", p.y())));
        }
        String title = accuracy ? "online accuracy on the task" : "mean training loss on the task";
        return map("$schema", SCHEMA, "data", values(rows), "width", "container", "height", 220,
                "mark", map("type", "line", "point", true),
                "encoding", map(
                        "x", map("field", "task", "type", "quantitative", "title", "task (in stream order)"),
                        "y", map("field", "value", "type", "quantitative", "title", title,
                                "scale", map("zero", false)),
                        "color", map("field", "series", "type", "nominal", "title", "configuration"),
                        "tooltip", List.of(map("field", "series"), map("field", "task"),
                                map("field", "value", "format", ".4f"))));
    }

    private static Map<String, Object> values(List<Map<String, Object>> rows) {
        return map("values", rows);
    }

    /** An ordered map from alternating keys and values. */
    static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
