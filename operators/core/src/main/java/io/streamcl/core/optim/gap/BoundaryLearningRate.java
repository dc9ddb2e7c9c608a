package io.streamcl.core.optim.gap;

import io.streamcl.core.optim.Phase;
import io.streamcl.core.optim.StageConfig;
import io.streamcl.core.optim.StageState;
import io.streamcl.core.optim.StepContext;
import io.streamcl.core.optim.StepSignals;
import io.streamcl.core.spec.Spec;
import io.streamcl.core.spec.SpecArguments;

/**
 * A boundary policy on the learning rate: after each task boundary the base step's learning rate is re-warmed
 * linearly from {@code floor} times its value back to its value over {@code steps} updates, {@code scale = floor +
 * (1 - floor) · sinceBoundary / steps}.
 *
 * <p>Why: the stability gap is driven by the first updates on a new task, whose loss and gradients are large
 * (De Lange et al., ICLR 2023; Hess et al.), and learning-rate warm-up is known to tame large early updates as well
 * as normalisation does (Gilmer et al.). Damping only those updates shrinks the dip of old-task
 * accuracy and leaves the rest of the task at full speed. Spec {@code boundary_lr(steps=100,floor=0.1)}; no state (a pure function of the distance to the
 * boundary).
 */
public record BoundaryLearningRate(int steps, double floor) implements StageConfig {
    public static final String NAME = "boundary_lr";
    public static final int DEFAULT_STEPS = 100;
    public static final double DEFAULT_FLOOR = 0.1;

    public BoundaryLearningRate {
        SpecArguments.require(steps >= 1, NAME, "steps", steps, "at least 1");
        SpecArguments.require(floor >= 0 && floor <= 1, NAME, "floor", floor, "in [0, 1]");
    }

    public static BoundaryLearningRate from(Spec spec) {
        SpecArguments args = new SpecArguments(spec);
        BoundaryLearningRate policy = new BoundaryLearningRate(args.integer("steps", DEFAULT_STEPS),
                args.number("floor", DEFAULT_FLOOR));
        args.finish();
        return policy;
    }

    @Override
    public Spec spec() {
        return Spec.of(NAME).with("steps", steps).with("floor", floor);
    }

    @Override
    public Phase phase() {
        return Phase.GRADIENT_TRANSFORM;
    }

    @Override
    public void apply(StageState state, StepContext step) {}

    @Override
    public double learningRateScale(long step, StepSignals signals) {
        return signals.within(steps) ? floor + (1 - floor) * signals.sinceBoundary() / steps : 1;
    }
}
