package io.streamcl.core.metrics;

import java.util.ArrayList;
import java.util.List;

/** ACC, BWT, FWT and forgetting of the newest accuracy-matrix row, from the tasks' {@link MatrixColumn}s. */
final class TransferMetrics {
    private TransferMetrics() {}

    /** The row taken at {@code step} when {@code endedTask} ended; {@code row} holds its tasks by first start. */
    static BoundaryReport at(long step, int endedTask, List<TaskRecord> row) {
        List<Integer> tasks = new ArrayList<>(row.size());
        List<Double> accuracies = new ArrayList<>(row.size());
        Mean average = new Mean();
        Mean backward = new Mean();
        Mean forward = new Mean();
        Mean forgetting = new Mean();
        for (TaskRecord task : row) {
            MatrixColumn column = task.column;
            tasks.add(task.taskId);
            accuracies.add(column.current);
            average.add(column.current);
            if (column.startedAfterAnother) {
                forward.add(column.beforeTraining - column.initial);
            }
            if (task.taskId != endedTask) {
                backward.add(column.current - column.endOfTraining);
                forgetting.add(column.bestEarlier - column.current);
            }
        }
        return new BoundaryReport(step, endedTask, tasks, accuracies, average.result(), backward.result(),
                forward.result(), forgetting.result());
    }
}
