package io.streamcl.core.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.IntToDoubleFunction;
import java.util.stream.IntStream;

/**
 * A slow, unbounded reference for {@link ContinualMetrics}: it keeps every call of a {@link RandomStream} and
 * computes each metric straight from its definition in {@code docs/metrics.md} (GEM's full accuracy matrix
 * R, indexed by tasks in start order), for streams without recurring tasks. Evaluations on fewer than the minimum
 * samples count only for the newest accuracy, the matrix rows and LCA.
 */
final class ReferenceMetrics {
    private record Evaluated(long step, int task, double accuracy, int samples) {}

    private final int lcaBeta;
    private final int minSamples;
    private final List<Evaluated> evaluations = new ArrayList<>();
    private final List<Integer> order = new ArrayList<>();
    private final List<Long> starts = new ArrayList<>();
    private final List<Long> ends = new ArrayList<>();

    ReferenceMetrics(int lcaBeta, int minSamples) {
        this.lcaBeta = lcaBeta;
        this.minSamples = minSamples;
    }

    void apply(RandomStream.Call call) {
        if (call instanceof RandomStream.Start start) {
            if (ends.size() < order.size()) {
                ends.add(start.step());
            }
            order.add(start.task());
            starts.add(start.step());
        } else if (call instanceof RandomStream.End end) {
            ends.add(end.step());
        } else if (call instanceof RandomStream.Evaluation evaluation) {
            evaluations.add(new Evaluated(evaluation.step(), evaluation.task(), evaluation.accuracy(),
                    evaluation.samples()));
        }
    }

    List<Integer> tasks() {
        return order;
    }

    /** Rows of R taken so far; the newest is row {@code rows() - 1}. */
    int rows() {
        return ends.size();
    }

    /** R_{k,j}: the newest evaluation of task j at a step up to the end of task k's training. */
    double matrix(int k, int j) {
        return newest(order.get(j), ends.get(k));
    }

    Double finalAccuracy(int k) {
        return mean(k + 1, j -> matrix(k, j));
    }

    Double backwardTransfer(int k) {
        return mean(k, j -> matrix(k, j) - matrix(j, j));
    }

    /**
     * Over j = 2..k in GEM's 1-based numbering; R_{j-1,j} is task j's counted evaluation at its start step, b_j its
     * counted evaluation at model step 0.
     */
    Double forwardTransfer(int k) {
        return mean(k, i -> countedAt(order.get(i + 1), starts.get(i + 1)) - countedAt(order.get(i + 1), 0));
    }

    Double forgetting(int k) {
        return mean(k, j -> IntStream.range(j, k).mapToDouble(l -> matrix(l, j)).max().orElseThrow() - matrix(k, j));
    }

    double newestAccuracy(int j) {
        return newest(order.get(j), Long.MAX_VALUE);
    }

    /** The minimum over counted evaluations after task j's training ended; NaN while it trains or with none after. */
    double minimum(int j) {
        if (j >= ends.size()) {
            return Double.NaN;
        }
        return countedOf(j, ends.get(j) + 1).stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    /** The mean of the first beta+1 evaluations made while task j trained, its start and end steps included. */
    double learningCurveArea(int j) {
        long end = j < ends.size() ? ends.get(j) : Long.MAX_VALUE;
        List<Double> training = evaluations.stream()
                .filter(e -> e.task() == order.get(j) && e.step() >= starts.get(j) && e.step() <= end)
                .map(Evaluated::accuracy).toList();
        return training.size() <= lcaBeta ? Double.NaN
                : training.subList(0, lcaBeta + 1).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }

    double windowedChange(int j, int window, boolean plasticity) {
        return QuadraticWindowedChange.of(countedOf(j, starts.get(j)), window, plasticity);
    }

    Double avgAccuracy() {
        return mean(order.size(), this::newestAccuracy);
    }

    /** min-ACC over every task but the newest started one, whose minimum WC-ACC replaces by its accuracy. */
    Double minAccuracy() {
        return mean(order.size() - 1, this::minimum);
    }

    Double worstCaseAccuracy() {
        int current = order.size() - 1;
        if (current < 0 || Double.isNaN(newestCounted(order.get(current)))) {
            return null;
        }
        return mean(order.size(), j -> j == current ? newestCounted(order.get(j)) : minimum(j));
    }

    private double newestCounted(int task) {
        double found = Double.NaN;
        for (Evaluated evaluation : evaluations) {
            if (evaluation.task() == task && evaluation.samples() >= minSamples) {
                found = evaluation.accuracy();
            }
        }
        return found;
    }

    private double countedAt(int task, long step) {
        double found = Double.NaN;
        for (Evaluated evaluation : evaluations) {
            if (evaluation.task() == task && evaluation.step() == step && evaluation.samples() >= minSamples) {
                found = evaluation.accuracy();
            }
        }
        return found;
    }

    private List<Double> countedOf(int j, long fromStep) {
        return evaluations.stream()
                .filter(e -> e.task() == order.get(j) && e.step() >= fromStep && e.samples() >= minSamples)
                .map(Evaluated::accuracy).toList();
    }

    private double newest(int task, long atOrBefore) {
        double found = Double.NaN;
        for (Evaluated evaluation : evaluations) {
            if (evaluation.task() == task && evaluation.step() <= atOrBefore) {
                found = evaluation.accuracy();
            }
        }
        return found;
    }

    /** The mean of the known terms 0..count-1; null when none is known. */
    private static Double mean(int count, IntToDoubleFunction term) {
        OptionalDouble mean = IntStream.range(0, count).mapToDouble(term).filter(v -> !Double.isNaN(v)).average();
        return mean.isPresent() ? mean.getAsDouble() : null;
    }
}
