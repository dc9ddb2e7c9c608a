package io.streamcl.core.model;

/** The training loss at the output of an {@link Mlp}, which also fixes what its outputs mean. */
public enum Loss {
    /** Softmax over the outputs, mean cross-entropy against an integer class label; outputs are probabilities. */
    SOFTMAX_CROSS_ENTROPY,
    /**
     * Identity outputs, mean over the batch and the outputs of {@code (y - t)^2} (PyTorch's {@code MSELoss}, the
     * loss of Dohare et al.'s slowly-changing regression); outputs are the predictions.
     */
    SQUARED_ERROR
}
