package io.streamcl.tools.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes the report as one self-contained HTML page: the metrics table, per configuration its metadata,
 * accuracy chart and stability-gap zooms, then the diagnostics across configurations. Vega, Vega-Lite and
 * vega-embed are inlined (BSD-3-Clause, see the vendor folder's README), so the page works offline.
 */
final class HtmlReport {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String VENDOR = "/io/streamcl/tools/report/vendor/";

    private final StringBuilder html = new StringBuilder();
    private final Map<String, Object> specs = new LinkedHashMap<>();

    /** The page for {@code series}; {@code figures} maps each series name (and "" for shared ones) to its stems. */
    String render(String title, List<String> inputs, List<RunSeries> series, Map<String, List<String>> figures,
            boolean accuracyStream) {
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(escape(title))
                .append("</title>\n<style>").append(STYLE).append("</style>\n");
        for (String library : List.of("vega.min.js", "vega-lite.min.js", "vega-embed.min.js")) {
            html.append("<script>").append(resource(library)).append("</script>\n");
        }
        html.append("</head><body>\n<h1>").append(escape(title)).append("</h1>\n<p class=\"inputs\">Inputs: ")
                .append(escape(String.join(", ", inputs))).append("</p>\n");
        metricsTable(series);
        for (int i = 0; i < series.size(); i++) {
            configuration(i, series.get(i), figures.getOrDefault(series.get(i).name(), List.of()));
        }
        html.append("<h2>Across configurations</h2>\n");
        chart("online", accuracyStream ? "Online (test-then-train) accuracy per task" : "Training loss per task",
                VegaSpecs.onlinePerTask(series, accuracyStream));
        chart("diagnostics", "Plasticity diagnostics, training loss and online accuracy over model steps",
                VegaSpecs.diagnostics(series));
        figureLinks(figures.getOrDefault("", List.of()));
        html.append("<script>\nconst specs = ").append(json(specs)).append(";\n").append(EMBED).append("</script>\n")
                .append("</body></html>\n");
        return html.toString();
    }

    private void metricsTable(List<RunSeries> series) {
        html.append("<h2>Metrics</h2>\n<table class=\"metrics\"><tr><th>configuration</th><th>evaluations</th>"
                + "<th>tasks</th>");
        SeriesMetrics.COLUMNS.forEach(column -> html.append("<th>").append(column.get(1)).append("</th>"));
        html.append("</tr>\n");
        for (RunSeries s : series) {
            SeriesMetrics m = SeriesMetrics.of(s);
            html.append("<tr><td>").append(escape(s.name())).append("</td><td>").append(m.evaluations())
                    .append("</td><td>").append(m.tasks()).append("</td>");
            for (Double value : m.values()) {
                html.append("<td>").append(format(value)).append("</td>");
            }
            html.append("</tr>\n");
        }
        html.append("</table>\n<p class=\"legend\">").append(LEGEND).append("</p>\n");
    }

    private void configuration(int index, RunSeries s, List<String> stems) {
        List<Evaluation> all = s.evaluations();
        Evaluation last = all.get(all.size() - 1);
        html.append("<h2>").append(escape(s.name())).append("</h2>\n<table class=\"meta\">");
        row("learner key", s.key());
        row("config hash", s.configHash());
        row("evaluations", all.size() + " (model steps " + all.get(0).step() + " to " + last.step() + ")");
        row("examples trained", Long.toString(last.examplesSeen()));
        row("task boundaries", Integer.toString(s.boundaries().size()));
        row("alerts", Long.toString(s.alerts().size()));
        s.info().forEach(this::row);
        html.append("</table>\n");
        chart("accuracy-" + index, "Held-out accuracy per task (dashed: task boundaries; triangles: alerts)",
                VegaSpecs.accuracy(s));
        if (!s.boundaries().isEmpty()) {
            chart("gaps-" + index, "Stability gaps: old tasks around each boundary", VegaSpecs.gapZoom(s));
        }
        gapTable(s);
        figureLinks(stems);
    }

    private void gapTable(RunSeries s) {
        Map<String, Evaluation.Gap> latest = new LinkedHashMap<>();
        s.evaluations().forEach(e -> e.gaps().forEach(g -> latest.put(g.boundaryStep() + "/" + g.taskId(), g)));
        if (latest.isEmpty()) {
            return;
        }
        html.append("<details><summary>Stability gaps as the learner measured them (").append(latest.size())
                .append(")</summary>\n<table class=\"gaps\"><tr><th>boundary step</th><th>task</th>"
                        + "<th>pre-boundary acc</th><th>depth</th><th>steps to minimum</th><th>steps to recover</th>"
                        + "<th>closed</th></tr>\n");
        for (Evaluation.Gap g : latest.values()) {
            html.append("<tr><td>").append(g.boundaryStep()).append("</td><td>").append(g.taskId())
                    .append("</td><td>").append(format(g.preBoundaryAccuracy())).append("</td><td>")
                    .append(format(g.depth())).append("</td><td>").append(g.stepsToMinimum() == null ? "—" : g.stepsToMinimum())
                    .append("</td><td>").append(g.stepsToRecover() == null ? "not recovered" : g.stepsToRecover())
                    .append("</td><td>").append(g.closed() ? "yes" : "no").append("</td></tr>\n");
        }
        html.append("</table></details>\n");
    }

    private void row(String name, String value) {
        html.append("<tr><th>").append(escape(name)).append("</th><td>").append(escape(value == null ? "—" : value))
                .append("</td></tr>");
    }

    private void chart(String id, String caption, Map<String, Object> spec) {
        specs.put(id, spec);
        html.append("<figure><figcaption>").append(escape(caption)).append("</figcaption><div class=\"chart\" id=\"")
                .append(id).append("\"></div></figure>\n");
    }

    private void figureLinks(List<String> stems) {
        if (stems.isEmpty()) {
            return;
        }
        html.append("<p class=\"files\">Figures: ");
        for (String stem : stems) {
            html.append("<a href=\"figures/").append(stem).append(".png\">").append(stem).append(".png</a> ")
                    .append("<a href=\"figures/").append(stem).append(".svg\">svg</a> · ");
        }
        html.setLength(html.length() - 3);
        html.append("</p>\n");
    }

    static String format(Double value) {
        if (value == null) {
            return "—";
        }
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.3f", value) : value.toString();
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String json(Object value) {
        try {
            // "</" inside a script element would end it.
            return JSON.writeValueAsString(value).replace("</", "<\\/");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a chart specification", e);
        }
    }

    private static String resource(String name) {
        try (InputStream in = HtmlReport.class.getResourceAsStream(VENDOR + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + VENDOR + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final String LEGEND = "Computed by the report from the per-task accuracy curves, so every row "
            + "(also one seen through EMA weights) is measured alike: <b>min-ACC</b> mean over ended tasks of their "
            + "lowest accuracy after their training ended (De Lange et al. 2023), using every evaluation, only those "
            + "at steps that are multiples of 10, or only those at task ends; <b>WC-ACC</b> = (1/k)·current-task "
            + "accuracy + (1−1/k)·min-ACC at the end; <b>avg-ACC</b> mean accuracy over seen tasks at the last "
            + "evaluation; <b>ACC</b> mean of the last accuracy-matrix row (the same at the end of a stream); "
            + "<b>BWT</b> mean change of each ended task from its own task end to the last evaluation. "
            + "<b>FWT</b>, <b>WF10</b>, <b>WP10</b> are the learner's own latest values (they need every "
            + "evaluation's window). <b>online acc</b>: test-then-train accuracy over the whole stream.";

    private static final String STYLE = """
            body{font-family:system-ui,sans-serif;margin:24px;color:#222;max-width:1200px}
            h1{font-size:22px}h2{font-size:18px;margin-top:32px;border-bottom:1px solid #ddd}
            table{border-collapse:collapse;font-size:13px;margin:8px 0}
            th,td{border:1px solid #ddd;padding:3px 7px;text-align:right}th{background:#f4f4f4}
            table.meta th,table.meta td{text-align:left}td:first-child{text-align:left}
            .legend,.inputs,.files{font-size:12px;color:#555}figure{margin:12px 0}
            figcaption{font-size:13px;font-weight:600;margin-bottom:4px}.chart{width:100%}
            """;

    private static final String EMBED = """
            for (const [id, spec] of Object.entries(specs)) {
              vegaEmbed('#' + id, spec, {renderer: 'svg', actions: false})
                .catch(e => { document.getElementById(id).textContent = 'chart failed: ' + e; });
            }
            """;
}
