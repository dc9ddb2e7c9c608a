package io.streamcl.tools.report;

import io.streamcl.tools.events.CsvRecords;
import java.util.List;
import java.util.Locale;

/** The report's numbers as CSV for scripts (the reproductions read them): the metrics table, the per-task curve. */
final class MetricsCsv {
    private MetricsCsv() {
    }

    static String of(List<RunSeries> series) {
        StringBuilder csv = new StringBuilder("configuration,evaluations,tasks");
        SeriesMetrics.COLUMNS.forEach(column -> csv.append(',').append(column.get(0)));
        csv.append('\n');
        for (RunSeries s : series) {
            SeriesMetrics m = SeriesMetrics.of(s);
            csv.append(CsvRecords.quote(s.name())).append(',').append(m.evaluations())
                    .append(',').append(m.tasks());
            for (Double value : m.values()) {
                csv.append(',').append(value == null ? "" : String.format(Locale.ROOT, "%.6f", value));
            }
            csv.append('\n');
        }
        return csv.toString();
    }

    /**
     * Per series and task (in stream order), the online accuracy on the task's training examples, or the mean
     * training loss when {@code accuracy} is false.
     */
    static String perTask(List<RunSeries> series, boolean accuracy) {
        StringBuilder csv = new StringBuilder("configuration,task," + (accuracy ? "online_acc" : "train_loss")).append('\n');
        for (RunSeries s : series) {
            for (ChartData.Point p : ChartData.onlinePerTask(s, accuracy)) {
                csv.append(CsvRecords.quote(s.name())).append(',').append((int) p.x())
                        .append(',').append(String.format(Locale.ROOT, "%.6f", p.y())).append('\n');
            }
        }
        return csv.toString();
    }
}
