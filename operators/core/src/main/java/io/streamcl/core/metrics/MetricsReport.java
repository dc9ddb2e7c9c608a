package io.streamcl.core.metrics;

import java.util.List;

/**
 * Everything {@link ContinualMetrics} knows at one model step, as plain values for the Avro mapper.
 *
 * @param step the newest model step recorded
 * @param currentTask the task being trained now; null before the first start and after {@code endTask}
 * @param tasks every tracked task that has started training, in order of first start
 * @param boundary the newest accuracy-matrix row; null before the first task ended
 * @param stabilityGaps the newest gap of each tracked old task, open or closed
 */
public record MetricsReport(long step, Integer currentTask, List<TaskReport> tasks, AggregateReport aggregate,
        BoundaryReport boundary, List<GapReport> stabilityGaps) {

    public MetricsReport {
        tasks = List.copyOf(tasks);
        stabilityGaps = List.copyOf(stabilityGaps);
    }

    /** Whether the newest row was taken at this step, so an event at this step should carry it. */
    public boolean atBoundary() {
        return boundary != null && boundary.step() == step;
    }

    /** The gaps an event at this step reports: those still open and those closed at this step. */
    public List<GapReport> currentGaps() {
        return stabilityGaps.stream().filter(gap -> gap.open() || gap.lastUpdateStep() == step).toList();
    }
}
