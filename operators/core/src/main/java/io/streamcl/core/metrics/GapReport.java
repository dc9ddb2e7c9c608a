package io.streamcl.core.metrics;

/**
 * Stability-gap statistics of one old task after one boundary, as defined on the package-private
 * {@code StabilityGap}; depth, steps to minimum and area are null until the first evaluation after the boundary.
 * Maps onto {@code StabilityGap} of {@code EvaluationEvent}.
 *
 * @param stepsToRecover 0 while the task never left the tolerance band, null while it is below it
 * @param open false once recovered or once the next boundary (or task end) closed it
 * @param lastUpdateStep step of the newest evaluation or event that changed this record
 */
public record GapReport(int taskId, long boundaryStep, double preBoundaryAccuracy, Double depth,
        Long stepsToMinimum, Long stepsToRecover, Double area, boolean open, long lastUpdateStep) {}
