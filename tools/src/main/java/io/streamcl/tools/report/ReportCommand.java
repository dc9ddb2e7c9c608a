package io.streamcl.tools.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamcl.tools.StreamclTools;
import io.streamcl.tools.events.EventType;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The {@code report} command: evaluation events (and alerts) to one offline HTML page plus PNG/SVG figures. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Turns evaluation events into one self-contained HTML report (works offline) with PNG and SVG "
                + "figures, metrics.csv and per-task.csv; per configuration: held-out accuracy per task with task boundaries, "
                + "a zoom on each stability gap, one metrics table across configurations, plasticity diagnostics, "
                + "alerts as markers, run metadata.",
            "A SOURCE is topic:NAME (read to its current end), an Avro container file, or JSON lines from "
                + "'events'. Configurations are named by the source's LABEL, else the events' configName, else "
                + "configHash, else the key (a grid job's configurations are listed in --run-info order); a series with"
                + " EMA accuracies also appears through its EMA weights."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:report written", "1:an input could not be read or the output not written",
            "2:bad option", "3:report written, but some records did not decode (named on stderr)"})
public final class ReportCommand implements Callable<Integer> {

    @Option(names = "--evaluations", required = true, paramLabel = "[LABEL=]SOURCE",
            description = "Evaluation events; repeat for several runs (e.g. one per learner configuration).")
    List<String> evaluations;

    @Option(names = "--alerts", paramLabel = "[LABEL=]SOURCE",
            description = "Alerts to mark on the charts; give them the LABEL of their evaluations.")
    List<String> alerts = new ArrayList<>();

    @Option(names = "--run-info", paramLabel = "LABEL=FILE",
            description = "Run metadata (key=value lines: settings, seed, throughput) shown with the configuration"
                    + " of that LABEL (an input's label, else the configuration name its events carry).")
    List<String> runInfo = new ArrayList<>();

    @Option(names = "--out", defaultValue = "report", paramLabel = "DIR",
            description = "Output folder: report.html, metrics.csv, figures/ (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--title", defaultValue = "StreamCL continual-learning report", description = "Page title.")
    String title;

    @Option(names = "--no-ema", description = "Leave out the EMA-weights view of series that have one.")
    boolean noEma;

    @Option(names = "--bootstrap-servers", defaultValue = "localhost:9092", description = "Kafka, for topic:NAME sources (default: ${DEFAULT-VALUE}).")
    String bootstrapServers;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        EventReader reader = new EventReader(bootstrapServers, err);
        Map<String, Map<String, String>> infos = new LinkedHashMap<>();
        for (String entry : runInfo) {
            Labeled info = Labeled.parse("--run-info", entry);
            if (info.label() == null) {
                throw new IllegalArgumentException("--run-info: expected LABEL=FILE, got '" + entry + "'");
            }
            infos.put(info.label(), readInfo(Path.of(info.source())));
        }
        Map<String, List<AlertMark>> alertsByLabel = new LinkedHashMap<>();
        for (String entry : alerts) {
            Labeled input = Labeled.parse("--alerts", entry);
            List<AlertMark> marks = reader.read(input.source(), EventType.ALERT).stream().map(AlertMark::fromJson).toList();
            alertsByLabel.computeIfAbsent(input.label() == null ? "" : input.label(), l -> new ArrayList<>()).addAll(marks);
        }
        List<RunSeries> series = new ArrayList<>();
        for (String entry : evaluations) {
            Labeled input = Labeled.parse("--evaluations", entry);
            List<JsonNode> events = reader.read(input.source(), EventType.EVALUATION);
            if (events.isEmpty()) {
                throw new IOException("no evaluation events in " + input.source());
            }
            List<AlertMark> marks = new ArrayList<>(alertsByLabel.getOrDefault("", List.of()));
            if (input.label() != null) {
                marks.addAll(alertsByLabel.getOrDefault(input.label(), List.of()));
            }
            List<RunSeries> grouped = new ArrayList<>(RunSeries.group(input.label(),
                    events.stream().map(Evaluation::fromJson).toList(), marks, infos));
            // the configurations of one grid job arrive interleaved: list them in --run-info order, then as they came
            List<String> infoOrder = List.copyOf(infos.keySet());
            grouped.sort(Comparator.comparingInt(s -> infoOrder.contains(s.name()) ? infoOrder.indexOf(s.name())
                    : infoOrder.size()));
            for (RunSeries s : grouped) {
                series.add(s);
                RunSeries ema = noEma ? null : s.emaView();
                if (ema != null) {
                    series.add(ema);
                }
            }
        }
        write(series);
        spec.commandLine().getOut().println("report: wrote " + out.resolve("report.html") + " ("
                + series.size() + " series), " + out.resolve("metrics.csv") + " and figures in " + out.resolve("figures"));
        if (reader.undecodable() > 0) {
            err.println("report: " + reader.undecodable() + " records did not decode and are not in the report");
            return StreamclTools.UNDECODABLE;
        }
        return 0;
    }

    private void write(List<RunSeries> series) throws IOException {
        boolean accuracyStream = series.stream().flatMap(s -> s.evaluations().stream())
                .anyMatch(e -> e.onlineAccuracy() != null);
        Figures figures = new Figures(out.resolve("figures"));
        Map<String, List<String>> stems = new LinkedHashMap<>();
        for (int i = 0; i < series.size(); i++) {
            RunSeries s = series.get(i);
            String stem = String.format("%02d-%s", i + 1, Figures.slug(s.name()));
            List<String> own = new ArrayList<>();
            own.add(figures.accuracy(s, stem));
            String gaps = figures.gaps(s, stem);
            if (gaps != null) {
                own.add(gaps);
            }
            stems.put(s.name(), own);
        }
        List<String> shared = new ArrayList<>(figures.diagnostics(series));
        String online = figures.onlinePerTask(series, accuracyStream);
        if (online != null) {
            shared.add(online);
        }
        stems.put("", shared);
        String page = new HtmlReport().render(title, evaluations, series, stems, accuracyStream);
        Files.writeString(out.resolve("report.html"), page, StandardCharsets.UTF_8);
        Files.writeString(out.resolve("metrics.csv"), MetricsCsv.of(series), StandardCharsets.UTF_8);
        Files.writeString(out.resolve("per-task.csv"), MetricsCsv.perTask(series, accuracyStream), StandardCharsets.UTF_8);
    }

    private static Map<String, String> readInfo(Path file) throws IOException {
        Map<String, String> info = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            int eq = trimmed.indexOf('=');
            if (eq <= 0) {
                throw new IOException(file + ": expected key=value lines, got '" + trimmed + "'");
            }
            info.put(trimmed.substring(0, eq).strip(), trimmed.substring(eq + 1).strip());
        }
        return info;
    }

    /** An input with an optional label: {@code LABEL=SOURCE} or {@code SOURCE}. */
    record Labeled(String label, String source) {
        static Labeled parse(String option, String text) {
            int eq = text.indexOf('=');
            Labeled parsed = eq < 0 ? new Labeled(null, text) : new Labeled(text.substring(0, eq), text.substring(eq + 1));
            if (parsed.source().isEmpty() || (parsed.label() != null && parsed.label().isEmpty())) {
                throw new IllegalArgumentException(option + ": expected [LABEL=]SOURCE, got '" + text + "'");
            }
            return parsed;
        }
    }
}
