package io.streamcl.core.optim.stability;

import io.streamcl.core.optim.Phase;
import io.streamcl.core.optim.StageConfig;
import io.streamcl.core.optim.StageState;
import io.streamcl.core.optim.StepContext;
import io.streamcl.core.spec.Spec;
import io.streamcl.core.spec.SpecArguments;

/**
 * Cautious weight decay ("Cautious Weight Decay", the follow-up to Liang et al.'s cautious optimizers;
 * from the abstract only): decoupled decay only on the coordinates where the parameter and the base step's update u agree in sign, so decay
 * never pushes a weight against the direction the optimizer moves it: {@code θ ← θ - η (u + λ 1[u ⊙ θ > 0] ⊙ θ)},
 * with η the base step's current learning rate and θ the parameters before the step (u is recovered from the
 * change as in {@link CautiousMask}). Use it instead of the base step's own decay, e.g. {@code
 * adam(wd=0)+cautious_wd(wd=0.01)}. Spec {@code cautious_wd(wd=0.01)}; no state.
 */
public record CautiousWeightDecay(double weightDecay) implements StageConfig {
    public static final String NAME = "cautious_wd";
    /** AdamW's default decay, which this replaces. */
    public static final double DEFAULT_WEIGHT_DECAY = 1e-2;

    public CautiousWeightDecay {
        SpecArguments.require(weightDecay >= 0 && Double.isFinite(weightDecay), NAME, "wd", weightDecay,
                "non-negative");
    }

    public static CautiousWeightDecay from(Spec spec) {
        SpecArguments args = new SpecArguments(spec);
        CautiousWeightDecay cwd = new CautiousWeightDecay(args.number("wd", DEFAULT_WEIGHT_DECAY));
        args.finish();
        return cwd;
    }

    @Override
    public Spec spec() {
        return Spec.of(NAME).with("wd", weightDecay);
    }

    @Override
    public Phase phase() {
        return Phase.UPDATE_TRANSFORM;
    }

    @Override
    public void apply(StageState state, StepContext step) {
        float[] p = step.parameters();
        float[] before = step.previousParameters();
        float keep = (float) (1 - step.decoupledDecay());
        float decay = (float) (step.learningRate() * weightDecay);
        for (int i = 0; i < p.length; i++) {
            float u = keep * before[i] - p[i];
            if (u * before[i] > 0) {
                p[i] -= decay * before[i];
            }
        }
    }
}
