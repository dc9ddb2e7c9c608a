package io.streamcl.core.eval;

/** Accuracy and mean loss of the model on one task's held-out samples at one evaluation. */
public record TaskScore(int taskId, int samples, double accuracy, double loss) {}
