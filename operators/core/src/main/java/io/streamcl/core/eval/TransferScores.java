package io.streamcl.core.eval;

/**
 * The inputs of forward transfer (FWT, Lopez-Paz and Ranzato, NeurIPS 2017) for one task j: b_j, the initial model's
 * accuracy on j's held-out set, and R_{j-1,j}, the accuracy on it of the raw (and shadow, NaN without them) weights
 * as they were when j's training started.
 */
public record TransferScores(int taskId, double initialAccuracy, double preTrainingAccuracy,
        double shadowPreTrainingAccuracy) {}
