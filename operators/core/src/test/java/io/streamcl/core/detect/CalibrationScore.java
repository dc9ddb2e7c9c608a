package io.streamcl.core.detect;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * How one alarm rule fares on labeled streams: false alarms per 10,000 evaluations on each drift-free family, and
 * for each size of injected change the share detected in time, the share detected within {@link #QUICK}
 * evaluations of the onset, and the median delay (evaluations after onset).
 */
record CalibrationScore(String name, Map<String, Double> falseAlarms, Map<Double, Delay> delays) {
    /** Evaluations after the onset within which a detection counts as quick: the goal for 10-point dips. */
    static final int QUICK = 5;

    /** A fresh alarm rule over one stream: whether the value at {@code step} raises an alarm. */
    interface Alarm {
        boolean test(long step, double value);
    }

    /** Detection of one size of change: trials, how many detected in time and quickly, the median delay. */
    record Delay(int trials, int detected, int quick, double median) {

        double rate() {
            return trials == 0 ? 0.0 : detected / (double) trials;
        }

        double quickRate() {
            return trials == 0 ? 0.0 : quick / (double) trials;
        }
    }

    /**
     * Runs a fresh alarm rule over every stream. On a drift-free stream every alarm is false; on a stream with a
     * change, the first alarm in [onset, end] is its detection, and earlier alarms are ignored (the drift-free
     * families already measure them).
     */
    static CalibrationScore of(String name, Supplier<Alarm> rules, List<LabeledStream> streams) {
        Map<String, long[]> alarmsAndLength = new LinkedHashMap<>();
        Map<Double, List<Integer>> delaysBySize = new LinkedHashMap<>();
        Map<Double, Integer> trials = new LinkedHashMap<>();
        for (LabeledStream stream : streams) {
            Alarm rule = rules.get();
            double[] values = stream.values();
            if (stream.driftFree()) {
                long[] counts = alarmsAndLength.computeIfAbsent(stream.family(), f -> new long[2]);
                for (int t = 0; t < values.length; t++) {
                    counts[0] += rule.test(t, values[t]) ? 1 : 0;
                }
                counts[1] += values.length;
                continue;
            }
            trials.merge(stream.size(), 1, Integer::sum);
            List<Integer> delays = delaysBySize.computeIfAbsent(stream.size(), s -> new ArrayList<>());
            for (int t = 0; t <= stream.end() && t < values.length; t++) {
                if (rule.test(t, values[t]) && t >= stream.onset()) {
                    delays.add(t - stream.onset());
                    break;
                }
            }
        }
        Map<String, Double> falseAlarms = new LinkedHashMap<>();
        alarmsAndLength.forEach((family, c) -> falseAlarms.put(family, 1e4 * c[0] / c[1]));
        Map<Double, Delay> delays = new LinkedHashMap<>();
        delaysBySize.forEach((size, d) -> delays.put(size, new Delay(trials.get(size), d.size(),
                (int) d.stream().filter(delay -> delay <= QUICK).count(), median(d))));
        return new CalibrationScore(name, falseAlarms, delays);
    }

    private static double median(List<Integer> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        int[] sorted = values.stream().mapToInt(Integer::intValue).toArray();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2.0;
    }
}
