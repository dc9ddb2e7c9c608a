package io.streamcl.tools.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The points every figure plots, shared by the interactive charts and the PNG/SVG figures so both show the same
 * thing. Long streams are thinned for drawing (never for the metrics): at most {@link #MAX_TASK_CURVES} task
 * curves and about {@link #MAX_POINTS} evaluations per curve, boundary evaluations always kept.
 */
public final class ChartData {
    /** Task curves drawn per series; more tasks are drawn every n-th (first and last always). */
    public static final int MAX_TASK_CURVES = 12;
    /** Evaluations drawn per curve, about. */
    public static final int MAX_POINTS = 1500;
    /** Boundaries whose stability gap gets a zoom. */
    public static final int MAX_ZOOMS = 8;

    private ChartData() {
    }

    /** A point of a curve. */
    public record Point(double x, double y) {
    }

    /** The zoom on one boundary: each old task's accuracy against the steps since the boundary. */
    public record GapWindow(long boundaryStep, int endedTask, Map<Integer, List<Point>> curves) {
    }

    /** Held-out accuracy per drawn task against model step. */
    public static Map<Integer, List<Point>> accuracyCurves(RunSeries series) {
        List<Integer> drawn = drawnTasks(series.taskIds());
        Set<Long> boundaries = new java.util.HashSet<>();
        series.boundaries().forEach(b -> boundaries.add(b.step()));
        int stride = Math.max(1, series.evaluations().size() / MAX_POINTS);
        Map<Integer, List<Point>> curves = new TreeMap<>();
        List<Evaluation> all = series.evaluations();
        for (int i = 0; i < all.size(); i++) {
            Evaluation e = all.get(i);
            if (i % stride != 0 && !boundaries.contains(e.step()) && i != all.size() - 1) {
                continue;
            }
            for (int task : drawn) {
                Double accuracy = e.accuracy(task);
                if (accuracy != null) {
                    curves.computeIfAbsent(task, t -> new ArrayList<>()).add(new Point(e.step(), accuracy));
                }
            }
        }
        return curves;
    }

    private static List<Integer> drawnTasks(Set<Integer> ids) {
        List<Integer> all = new ArrayList<>(ids);
        if (all.size() <= MAX_TASK_CURVES) {
            return all;
        }
        List<Integer> drawn = new ArrayList<>();
        double stride = (all.size() - 1) / (double) (MAX_TASK_CURVES - 1);
        for (int i = 0; i < MAX_TASK_CURVES; i++) {
            drawn.add(all.get((int) Math.round(i * stride)));
        }
        return drawn;
    }

    /**
     * One window per boundary (the first {@link #MAX_ZOOMS}): from a fifth of the window before it to four times
     * the steps the old tasks' mean accuracy took to reach its minimum (at least 40 steps), never past the next
     * boundary.
     */
    public static List<GapWindow> gapWindows(RunSeries series) {
        List<RunSeries.Boundary> boundaries = series.boundaries();
        List<Evaluation> all = series.evaluations();
        List<GapWindow> windows = new ArrayList<>();
        for (int b = 0; b < boundaries.size() && windows.size() < MAX_ZOOMS; b++) {
            long at = boundaries.get(b).step();
            long next = b + 1 < boundaries.size() ? boundaries.get(b + 1).step() : all.get(all.size() - 1).step();
            Evaluation atBoundary = all.stream().filter(e -> e.step() == at).findFirst().orElseThrow();
            List<Integer> old = atBoundary.tasks().keySet().stream()
                    .filter(t -> atBoundary.accuracy(t) != null && !t.equals(atBoundary.currentTask())).toList();
            if (old.isEmpty() || next <= at) {
                continue;
            }
            long toMinimum = stepsToMinimum(all, old, at, next);
            long after = Math.min(next - at, Math.max(40, 4 * toMinimum));
            long before = Math.max(1, after / 5);
            Map<Integer, List<Point>> curves = new LinkedHashMap<>();
            for (Evaluation e : all) {
                if (e.step() < at - before || e.step() > at + after) {
                    continue;
                }
                for (int task : old) {
                    Double accuracy = e.accuracy(task);
                    if (accuracy != null) {
                        curves.computeIfAbsent(task, t -> new ArrayList<>()).add(new Point(e.step() - at, accuracy));
                    }
                }
            }
            windows.add(new GapWindow(at, boundaries.get(b).endedTask(), curves));
        }
        return windows;
    }

    private static long stepsToMinimum(List<Evaluation> all, List<Integer> tasks, long from, long to) {
        double lowest = Double.POSITIVE_INFINITY;
        long atLowest = 0;
        for (Evaluation e : all) {
            if (e.step() <= from || e.step() > to) {
                continue;
            }
            Double mean = SeriesMetrics.mean(tasks.stream().map(e::accuracy).toList());
            if (mean != null && mean < lowest) {
                lowest = mean;
                atLowest = e.step() - from;
            }
        }
        return atLowest;
    }

    /** Each diagnostic over model steps: the plasticity diagnostics, the training loss and the online accuracy. */
    public static Map<String, List<Point>> diagnostics(RunSeries series) {
        Map<String, List<Point>> curves = new LinkedHashMap<>();
        int stride = Math.max(1, series.evaluations().size() / MAX_POINTS);
        List<Evaluation> all = series.evaluations();
        for (int i = 0; i < all.size(); i++) {
            Evaluation e = all.get(i);
            e.plasticity().forEach((name, value) -> curves.computeIfAbsent(name, n -> new ArrayList<>())
                    .add(new Point(e.step(), value)));
            if (i % stride == 0) {
                add(curves, "trainLoss", e.step(), e.trainLoss());
                add(curves, "onlineAccuracy", e.step(), e.onlineAccuracy());
            }
        }
        return curves;
    }

    private static void add(Map<String, List<Point>> curves, String name, long step, Double value) {
        if (value != null && Double.isFinite(value)) {
            curves.computeIfAbsent(name, n -> new ArrayList<>()).add(new Point(step, value));
        }
    }

    /**
     * Per task (in training order), the online (prequential) accuracy over the task's training examples, or the
     * mean training loss when the stream has no accuracy (regression); x is the task's position in the stream.
     */
    public static List<Point> onlinePerTask(RunSeries series, boolean accuracy) {
        List<Point> points = new ArrayList<>();
        double sum = 0;
        double weight = 0;
        Integer task = null;
        int position = 0;
        long previousExamples = 0;
        for (Evaluation e : series.evaluations()) {
            Double value = accuracy ? e.onlineAccuracy() : e.trainLoss();
            long examples = e.examplesSeen() - previousExamples;
            previousExamples = e.examplesSeen();
            // A boundary evaluation's window holds the last examples of the task that ended there.
            Integer owner = e.endedTask() != null ? e.endedTask() : e.currentTask();
            if (owner != null && !owner.equals(task)) {
                if (weight > 0) {
                    points.add(new Point(position++, sum / weight));
                }
                task = owner;
                sum = 0;
                weight = 0;
            }
            if (value != null && Double.isFinite(value) && examples > 0) {
                sum += value * examples;
                weight += examples;
            }
        }
        if (weight > 0) {
            points.add(new Point(position, sum / weight));
        }
        return points;
    }
}
