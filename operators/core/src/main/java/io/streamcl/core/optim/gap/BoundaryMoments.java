package io.streamcl.core.optim.gap;

import io.streamcl.core.optim.Phase;
import io.streamcl.core.optim.StageConfig;
import io.streamcl.core.optim.StageState;
import io.streamcl.core.optim.StepContext;
import io.streamcl.core.optim.StepSignals;
import io.streamcl.core.optim.stability.Spam;
import io.streamcl.core.spec.Spec;
import io.streamcl.core.spec.SpecArguments;

/**
 * A boundary policy on the optimizer's moments: on the first update after a task boundary (from the task id or the
 * loss-based drift detector), zero every stage's running moments.
 *
 * <ul>
 *   <li>{@code mode=reset}: the moments and the bias-correction step counts restart, as a fresh optimizer.
 *   <li>{@code mode=rewarm}: as SPAM's momentum reset (Huang et al., arXiv 2501.06842), the step counts continue
 *       and the learning rate is re-warmed over {@code warmup} updates with SPAM's cosine factor, from 0.01 to 1.
 * </ul>
 *
 * Why: momentum and second moments gathered on the old task point the first new-task steps in stale directions
 * and scale them with stale curvature, while the new task's gradients are unusually large; that mismatch is one
 * source of the stability gap. A reset drops the stale statistics; keeping the step counts without a re-warm would
 * make the first steps huge (bias correction near 1 on near-zero v), hence the ramp, which also damps the large
 * early steps. Spec {@code boundary_moments(mode=reset,warmup=150)}; no state.
 */
public record BoundaryMoments(Mode mode, int warmup) implements StageConfig {
    public static final String NAME = "boundary_moments";
    public static final Mode DEFAULT_MODE = Mode.RESET;
    /** SPAM's re-warm-up length. */
    public static final int DEFAULT_WARMUP = Spam.DEFAULT_WARMUP;

    /** What happens to the moments at a boundary. */
    public enum Mode {
        RESET("reset"),
        REWARM("rewarm");

        private final String text;

        Mode(String text) {
            this.text = text;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    public BoundaryMoments {
        if (mode == null) {
            throw new IllegalArgumentException(NAME + ".mode must be reset or rewarm");
        }
        SpecArguments.require(warmup >= 0, NAME, "warmup", warmup, "non-negative");
    }

    public static BoundaryMoments from(Spec spec) {
        SpecArguments args = new SpecArguments(spec);
        String mode = args.choice("mode", DEFAULT_MODE.toString(), Mode.RESET.toString(), Mode.REWARM.toString());
        BoundaryMoments policy = new BoundaryMoments(mode.equals(Mode.RESET.toString()) ? Mode.RESET : Mode.REWARM,
                args.integer("warmup", DEFAULT_WARMUP));
        args.finish();
        return policy;
    }

    @Override
    public Spec spec() {
        return Spec.of(NAME).with("mode", mode).with("warmup", warmup);
    }

    @Override
    public Phase phase() {
        return Phase.GRADIENT_TRANSFORM;
    }

    @Override
    public void apply(StageState state, StepContext step) {
        if (step.signals().atBoundary()) {
            step.resetMoments(mode == Mode.REWARM);
        }
    }

    @Override
    public double learningRateScale(long step, StepSignals signals) {
        return mode == Mode.REWARM && signals.within(warmup) ? Spam.rewarm(signals.sinceBoundary(), warmup) : 1;
    }
}
