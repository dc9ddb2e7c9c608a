package io.streamcl.tools.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The summary metrics of one series, computed from its per-task accuracy curves so that every configuration
 * (also one seen through its EMA weights) is measured the same way, and so that the effect of evaluating less
 * often can be read off one densely evaluated run (De Lange et al. 2023, "Continual evaluation for lifelong
 * learning: identifying the stability gap"; GEM's accuracy matrix, Lopez-Paz and Ranzato 2017).
 *
 * <p>Decisions: a task's minimum (min-ACC) is taken over the evaluations after its training ended, excluding the
 * boundary evaluation itself (that is the model that just finished the task, n = |T_i| in De Lange's definition),
 * and while the task is not being trained; when a recurring task is trained again its minimum starts afresh. The
 * accuracy matrix row of task i is the boundary evaluation that ended task i (the last time it ended), and the
 * final row the last evaluation. FWT, WF^10 and WP^10 need every evaluation's window and the initial model, so
 * they are the learner's own latest values.
 *
 * @param minAccuracy min-ACC at the series' own evaluation frequency
 * @param minAccuracyEvery10 min-ACC using only evaluations at model steps that are multiples of 10
 * @param minAccuracyTaskEnd min-ACC using only the evaluations at task ends (and the final one)
 * @param worstCaseAccuracy WC-ACC at the end: (1/k) current-task accuracy + (1 - 1/k) min-ACC
 * @param avgAccuracy mean accuracy over the seen tasks at the last evaluation
 * @param finalAccuracy ACC, the mean of the last complete accuracy-matrix row
 * @param backwardTransfer BWT over the tasks that ended before the last row
 * @param finalDormantFraction the last dormant-unit fraction the learner reported
 * @param finalEffectiveRank the last effective rank the learner reported
 */
public record SeriesMetrics(int evaluations, int tasks, Double minAccuracy, Double minAccuracyEvery10,
        Double minAccuracyTaskEnd, Double worstCaseAccuracy, Double avgAccuracy, Double finalAccuracy,
        Double backwardTransfer, Double forwardTransfer, Double windowedForgetting10, Double windowedPlasticity10,
        Double meanOnlineAccuracy, Double finalTrainLoss, Double finalDormantFraction, Double finalEffectiveRank) {

    /** The table's metric columns: CSV name and display label, in the order of {@link #values()}. */
    public static final List<List<String>> COLUMNS = List.of(
            List.of("min_acc", "min-ACC"), List.of("min_acc_every10", "min-ACC every 10"),
            List.of("min_acc_task_end", "min-ACC task end"), List.of("wc_acc", "WC-ACC"),
            List.of("avg_acc", "avg-ACC"), List.of("acc", "ACC"), List.of("bwt", "BWT"), List.of("fwt", "FWT"),
            List.of("wf10", "WF10"), List.of("wp10", "WP10"), List.of("online_acc", "online acc"),
            List.of("final_train_loss", "final train loss"), List.of("dormant", "dormant"),
            List.of("effective_rank", "effective rank"));

    /** The metric values in the order of {@link #COLUMNS}; null where not available. */
    public List<Double> values() {
        // Arrays.asList keeps the nulls that List.of would reject.
        return Arrays.asList(minAccuracy, minAccuracyEvery10, minAccuracyTaskEnd, worstCaseAccuracy, avgAccuracy,
                finalAccuracy, backwardTransfer, forwardTransfer, windowedForgetting10, windowedPlasticity10,
                meanOnlineAccuracy, finalTrainLoss, finalDormantFraction, finalEffectiveRank);
    }

    /** Computes the metrics of {@code series}. */
    public static SeriesMetrics of(RunSeries series) {
        List<Evaluation> all = series.evaluations();
        Evaluation last = all.get(all.size() - 1);
        Map<Long, Integer> endedAt = new HashMap<>();
        series.boundaries().forEach(b -> endedAt.put(b.step(), b.endedTask()));
        Double minAll = minAccuracy(all, e -> true, endedAt);
        Double minEvery10 = minAccuracy(all, e -> e.step() % 10 == 0, endedAt);
        Double minTaskEnd = minAccuracy(all, e -> endedAt.containsKey(e.step()) || e == last, endedAt);
        Double avg = mean(last.tasks().values().stream().map(Evaluation.TaskScore::accuracy).toList());
        Double current = last.currentTask() == null ? null : last.accuracy(last.currentTask());
        int seen = last.tasks().size();
        Double worstCase = current == null ? null
                : minAll == null ? current : current / seen + (1 - 1.0 / seen) * minAll;
        Evaluation.Aggregate learner = latestAggregate(all);
        return new SeriesMetrics(all.size(), series.taskIds().size(), minAll, minEvery10, minTaskEnd, worstCase,
                avg, avg, backwardTransfer(series, last),
                learner == null ? null : learner.forwardTransfer(),
                learner == null ? null : learner.windowedForgetting10(),
                learner == null ? null : learner.windowedPlasticity10(),
                meanOnlineAccuracy(all), last(all, Evaluation::trainLoss),
                last(all, e -> e.plasticity().get("dormantFraction")), last(all, e -> e.plasticity().get("effectiveRank")));
    }

    /**
     * min-ACC over the evaluations {@code selected} admits; {@code endedAt} maps each boundary's model step to
     * the task that ended there. Null before any task ended.
     */
    static Double minAccuracy(List<Evaluation> all, Predicate<Evaluation> selected, Map<Long, Integer> endedAt) {
        Map<Integer, Double> minimum = new LinkedHashMap<>();
        Set<Integer> ended = new HashSet<>();
        for (Evaluation e : all) {
            Integer endedHere = endedAt.get(e.step());
            boolean boundary = endedHere != null;
            if (!boundary && e.currentTask() != null && ended.remove(e.currentTask())) {
                // Trained again (a recurring task): its minimum starts afresh at its next end.
                minimum.remove(e.currentTask());
            }
            if (selected.test(e)) {
                for (int task : ended) {
                    Double accuracy = e.accuracy(task);
                    if (accuracy != null && !Objects.equals(task, e.currentTask())) {
                        minimum.merge(task, accuracy, Math::min);
                    }
                }
            }
            if (boundary) {
                ended.add(endedHere);
            }
        }
        return mean(new ArrayList<>(minimum.values()));
    }

    private static Double backwardTransfer(RunSeries series, Evaluation last) {
        Map<Integer, Double> diagonal = new HashMap<>();
        Map<Long, Evaluation> byStep = new HashMap<>();
        series.evaluations().forEach(e -> byStep.put(e.step(), e));
        for (RunSeries.Boundary b : series.boundaries()) {
            Double accuracy = byStep.get(b.step()).accuracy(b.endedTask());
            if (accuracy != null) {
                diagonal.put(b.endedTask(), accuracy);
            }
        }
        List<Double> differences = new ArrayList<>();
        diagonal.forEach((task, atEnd) -> {
            Double now = last.accuracy(task);
            if (now != null && !task.equals(last.currentTask())) {
                differences.add(now - atEnd);
            }
        });
        return mean(differences);
    }

    private static Evaluation.Aggregate latestAggregate(List<Evaluation> all) {
        for (int i = all.size() - 1; i >= 0; i--) {
            if (all.get(i).aggregate() != null) {
                return all.get(i).aggregate();
            }
        }
        return null;
    }

    /** Prequential accuracy over the whole stream, weighting each event by the examples it covers. */
    private static Double meanOnlineAccuracy(List<Evaluation> all) {
        double sum = 0;
        double weight = 0;
        long previous = 0;
        for (Evaluation e : all) {
            long examples = e.examplesSeen() - previous;
            previous = e.examplesSeen();
            if (e.onlineAccuracy() != null && examples > 0 && Double.isFinite(e.onlineAccuracy())) {
                sum += e.onlineAccuracy() * examples;
                weight += examples;
            }
        }
        return weight == 0 ? null : sum / weight;
    }

    private static Double last(List<Evaluation> all, Function<Evaluation, Double> value) {
        for (int i = all.size() - 1; i >= 0; i--) {
            Double v = value.apply(all.get(i));
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    static Double mean(List<Double> values) {
        double sum = 0;
        int n = 0;
        for (Double v : values) {
            if (v != null) {
                sum += v;
                n++;
            }
        }
        return n == 0 ? null : sum / n;
    }
}
