package io.streamcl.core.metrics;

import java.util.List;

/**
 * The newest row R_{k,.} of the accuracy matrix, taken when training on task k ended, and the metrics of
 * Lopez-Paz and Ranzato (GEM, NeurIPS 2017) and Chaudhry et al. (RWalk, ECCV 2018) at that row; a null metric
 * had no task with the inputs it needs.
 *
 * <p>Row entries are the newest evaluation of each task at a step &lt;= the boundary step, so they are exact when
 * evaluation runs at boundaries ({@link PeriodicEvaluation}); an evaluation at the boundary step itself, made
 * before or after the boundary call, sees the same model and goes into the row. Sums run over the tasks with
 * the needed entries known, which on a stream without recurrences are GEM's sets:
 * <ul>
 *   <li>ACC = mean over row tasks j of R_{k,j};
 *   <li>BWT = mean over j != k of R_{k,j} - R_{j,j} (R_{j,j} from j's latest finished training period);
 *   <li>FWT = mean over j = 2..k of R_{j-1,j} - b_j. R_{j-1,j} comes from an evaluation of j at exactly the step
 *       its training first started (the learner evaluates the new task at the boundary). b_j is the initial
 *       model's accuracy on j: from an evaluation of j at model step 0, or given by
 *       {@link ContinualMetrics#recordInitialAccuracy} (e.g. chance level). b_j is never taken from a later first
 *       evaluation of j: that model has trained on other tasks, it is R_{j-1,j} itself, and FWT would read 0.
 *       FWT is null while no task has both;
 *   <li>forgetting = mean over j != k of max over earlier rows l (since j started) of R_{l,j}, minus R_{k,j}.
 * </ul>
 *
 * @param step model step of the boundary (|T_k|)
 * @param endedTask the task k whose training ended
 * @param tasks the row's tasks: every task that had started training, in order of first start
 * @param accuracies R_{k,j} for each of {@code tasks}; NaN where a task was never evaluated
 */
public record BoundaryReport(long step, int endedTask, List<Integer> tasks, List<Double> accuracies,
        Double finalAccuracy, Double backwardTransfer, Double forwardTransfer, Double forgetting) {

    public BoundaryReport {
        tasks = List.copyOf(tasks);
        accuracies = List.copyOf(accuracies);
    }
}
