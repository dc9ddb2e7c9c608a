package io.streamcl.core.detect;

import io.streamcl.core.spec.Spec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Checks the alert lifecycle on the calibration dips: for each depth, the share of dips that gave exactly one
 * OPENED and one RESOLVED event, the share that gave more than one OPENED (a storm), and the median duration and
 * worst depth of the alerts.
 */
final class LifecycleCheck {
    private LifecycleCheck() {}

    static String render(ForgettingAlertsConfig config, int samples, List<LabeledStream> streams) {
        Map<Double, List<int[]>> counts = new LinkedHashMap<>();
        Map<Double, List<Double>> durations = new LinkedHashMap<>();
        Map<Double, List<Double>> worst = new LinkedHashMap<>();
        for (LabeledStream stream : streams) {
            if (stream.driftFree()) {
                continue;
            }
            ForgettingAlerts alerts = ForgettingAlerts.create(config);
            int[] openedResolved = new int[2];
            for (int t = 0; t < stream.values().length; t++) {
                Optional<AlertEvent> event = alerts.observe(t, stream.values()[t], samples);
                if (event.isPresent() && event.get() instanceof AlertResolved r) {
                    openedResolved[1]++;
                    durations.computeIfAbsent(stream.size(), s -> new ArrayList<>()).add((double) r.durationSteps());
                    worst.computeIfAbsent(stream.size(), s -> new ArrayList<>()).add(r.worstDepth());
                } else if (event.isPresent()) {
                    openedResolved[0]++;
                }
            }
            counts.computeIfAbsent(stream.size(), s -> new ArrayList<>()).add(openedResolved);
        }
        StringBuilder s = new StringBuilder("| dip depth | dips | one OPENED + one RESOLVED | more than one OPENED "
                + "| never OPENED | median duration (evaluations) | median worst depth |\n"
                + "|---:|---:|---:|---:|---:|---:|---:|\n");
        counts.forEach((depth, list) -> {
            long one = list.stream().filter(c -> c[0] == 1 && c[1] == 1).count();
            long storm = list.stream().filter(c -> c[0] > 1).count();
            long never = list.stream().filter(c -> c[0] == 0).count();
            s.append(String.format(Locale.ROOT, "| %s | %d | %.1f%% | %.1f%% | %.1f%% | %s | %s |%n",
                    Spec.number(depth), list.size(), 100.0 * one / list.size(), 100.0 * storm / list.size(),
                    100.0 * never / list.size(), median(durations.get(depth), "%.0f"), median(worst.get(depth), "%.3f")));
        });
        return s.toString();
    }

    private static String median(List<Double> values, String format) {
        if (values == null || values.isEmpty()) {
            return "-";
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return String.format(Locale.ROOT, format, sorted[sorted.length / 2]);
    }
}
