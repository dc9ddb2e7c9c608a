package io.streamcl.tools.report;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The metrics table as CSV, one row per series, for scripts (the reproductions read it). */
final class MetricsCsv {
    private static final String HEADER = "configuration,evaluations,tasks,min_acc,min_acc_every10,min_acc_task_end,"
            + "wc_acc,avg_acc,acc,bwt,fwt,wf10,wp10,online_acc,final_train_loss";

    private MetricsCsv() {
    }

    static String of(List<RunSeries> series) {
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        for (RunSeries s : series) {
            SeriesMetrics m = SeriesMetrics.of(s);
            csv.append(io.streamcl.tools.events.CsvRecords.quote(s.name())).append(',').append(m.evaluations())
                    .append(',').append(m.tasks());
            for (Double value : Arrays.asList(m.minAccuracy(), m.minAccuracyEvery10(), m.minAccuracyTaskEnd(),
                    m.worstCaseAccuracy(), m.avgAccuracy(), m.finalAccuracy(), m.backwardTransfer(),
                    m.forwardTransfer(), m.windowedForgetting10(), m.windowedPlasticity10(),
                    m.meanOnlineAccuracy(), m.finalTrainLoss())) {
                csv.append(',').append(value == null ? "" : String.format(Locale.ROOT, "%.6f", value));
            }
            csv.append('\n');
        }
        return csv.toString();
    }
}
