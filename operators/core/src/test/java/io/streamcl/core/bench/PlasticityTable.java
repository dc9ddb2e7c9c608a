package io.streamcl.core.bench;

import io.streamcl.core.diagnostics.PlasticityReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The loss-of-plasticity goal per optimizer: a per-task metric over the first and last {@code window} tasks, their
 * ratio, whether it stays within 5 % (accuracy: last ≥ 0.95 × first; error: last ≤ 1.05 × first), and each hidden
 * layer's dead-unit fraction at the end. Rows print as they come and again together at the end.
 */
final class PlasticityTable {
    private static final double TOLERANCE = 0.05;

    private final String metric;
    private final int window;
    private final boolean higherIsBetter;
    private final List<String> rows = new ArrayList<>();

    PlasticityTable(String metric, int window, boolean higherIsBetter) {
        this.metric = metric;
        this.window = window;
        this.higherIsBetter = higherIsBetter;
        rows.add(String.format(Locale.ROOT, "| %s | first %d %s | last %d %s | last/first | within 5 %% | dead units "
                + "| s |", "optimizer", window, metric, window, metric));
        rows.add("|---|---|---|---|---|---|---|");
    }

    void add(String spec, double[] perTask, PlasticityReport report, double seconds) {
        double first = mean(perTask, 0, window);
        double last = mean(perTask, perTask.length - window, perTask.length);
        double ratio = last / first;
        boolean kept = higherIsBetter ? ratio >= 1 - TOLERANCE : ratio <= 1 + TOLERANCE;
        StringBuilder dead = new StringBuilder();
        for (double fraction : report.deadFraction()) {
            dead.append(dead.length() == 0 ? "" : " / ").append(String.format(Locale.ROOT, "%.2f", fraction));
        }
        rows.add(String.format(Locale.ROOT, "| `%s` | %.3f | %.3f | %.3f | %s | %s | %.0f |", spec, first, last, ratio,
                kept ? "yes" : "no", dead, seconds));
        System.out.println(rows.get(rows.size() - 1));
    }

    void print() {
        System.out.println();
        rows.forEach(System.out::println);
    }

    private static double mean(double[] values, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += values[i];
        }
        return sum / (to - from);
    }
}
