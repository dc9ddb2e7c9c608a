package io.streamcl.core.metrics;

/**
 * When to run continual evaluation: before the first update, after every {@code everyUpdates}-th update and at
 * task boundaries; the counterpart of Avalanche's {@code PeriodicEval(eval_every, do_initial)}, kept apart from
 * the metrics so that a metric never decides its own cadence.
 *
 * <p>De Lange et al. (2023) evaluate after every update ({@code every(1)}) and show that sparse evaluation hides
 * the stability gap. A boundary is always due (when {@code atBoundaries}), even if the periodic evaluation of
 * the same step already ran: the task that starts needs its start-step evaluation (LCA's b = 0 and the accuracy
 * matrix entry that FWT uses). Each {@link ContinualMetrics#recordEvaluation} counts as one more evaluation in the
 * WF/WP windows, so at such a step evaluate only the tasks not yet evaluated at it.
 */
public record PeriodicEvaluation(int everyUpdates, boolean initial, boolean atBoundaries) {

    public PeriodicEvaluation {
        if (everyUpdates < 1) {
            throw new IllegalArgumentException("everyUpdates must be at least 1, got " + everyUpdates);
        }
    }

    /** Every {@code updates} updates, plus before the first update and at every boundary. */
    public static PeriodicEvaluation every(int updates) {
        return new PeriodicEvaluation(updates, true, true);
    }

    /**
     * Whether the model after {@code modelStep} updates is due for evaluation; {@code boundary} says a task (or drift
     * segment) starts or ends at this step. Step 0 is the model before any update.
     */
    public boolean isDue(long modelStep, boolean boundary) {
        if (modelStep < 0) {
            throw new IllegalArgumentException("modelStep must be at least 0, got " + modelStep);
        }
        if (boundary && atBoundaries) {
            return true;
        }
        return modelStep == 0 ? initial : modelStep % everyUpdates == 0;
    }
}
