package io.streamcl.core.optim;

/**
 * Where a stage runs within one update; stages run phase by phase in this order, and in
 * their declared order within a phase.
 */
public enum Phase {
    /** Rewrites the gradient before the step: regularisers, utility scaling, clipping, projections. */
    GRADIENT_TRANSFORM,
    /** Turns the gradient into a parameter change (SGD, Adam); exactly one per optimizer. */
    BASE_STEP,
    /**
     * Rewrites the parameter change the base step just made, seeing the parameters before it ({@link
     * StepContext#previousParameters()}): cautious masking, cautious weight decay.
     */
    UPDATE_TRANSFORM,
    /** Acts on units or weights after the step: continual backprop, ReDo, shrink-and-perturb, projections. */
    MAINTENANCE,
    /** Keeps derived copies of the parameters, such as EMA weights for evaluation. */
    SHADOW
}
