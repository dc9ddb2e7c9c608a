package io.streamcl.core.eval;

/**
 * Accuracy and mean loss of the model on one task's held-out samples at one evaluation, and the accuracy of its
 * shadow (EMA) weights on the same samples when the optimizer keeps them (NaN otherwise).
 */
public record TaskScore(int taskId, int samples, double accuracy, double loss, double shadowAccuracy) {

    /** A score without shadow weights. */
    public TaskScore(int taskId, int samples, double accuracy, double loss) {
        this(taskId, samples, accuracy, loss, Double.NaN);
    }

    /** This score with the shadow weights' accuracy on the same samples. */
    public TaskScore withShadowAccuracy(double accuracy) {
        return new TaskScore(taskId, samples, this.accuracy, loss, accuracy);
    }
}
