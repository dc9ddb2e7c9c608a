package io.streamcl.core.optim;

/**
 * What the learner knows about one update beyond its batch: the A-GEM reference gradient from a replay batch, how
 * many updates ago the latest task boundary was, and read access to the replay memory's inputs.
 *
 * @param referenceGradient gradient of the mean loss on a replay batch, laid out like the parameters, or null when
 *     no stage asked for one or the replay memory is still empty
 * @param sinceBoundary updates completed since the latest task boundary (0 for the first update after it), or
 *     {@link #NO_BOUNDARY} before the first boundary
 * @param replay draws of the replay memory's stored inputs, {@link ReplayInputs#NONE} without replay
 */
public record StepSignals(float[] referenceGradient, long sinceBoundary, ReplayInputs replay) {
    /** {@link #sinceBoundary} before any boundary: the first task's start is not a boundary. */
    public static final long NO_BOUNDARY = Long.MAX_VALUE;
    /** No reference gradient and no boundary yet. */
    public static final StepSignals NONE = new StepSignals(null, NO_BOUNDARY);

    public StepSignals {
        if (sinceBoundary < 0) {
            throw new IllegalArgumentException("sinceBoundary must be non-negative, got " + sinceBoundary);
        }
        if (replay == null) {
            throw new IllegalArgumentException("replay must be set, ReplayInputs.NONE without a memory");
        }
    }

    /** Signals without access to a replay memory. */
    public StepSignals(float[] referenceGradient, long sinceBoundary) {
        this(referenceGradient, sinceBoundary, ReplayInputs.NONE);
    }

    /** Whether this is the first update after a boundary. */
    public boolean atBoundary() {
        return sinceBoundary == 0;
    }

    /** Whether the latest boundary lies fewer than {@code updates} updates back. */
    public boolean within(long updates) {
        return sinceBoundary < updates;
    }
}
