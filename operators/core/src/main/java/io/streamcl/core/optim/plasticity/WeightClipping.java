package io.streamcl.core.optim.plasticity;

import io.streamcl.core.model.ParameterLayout;
import io.streamcl.core.optim.Phase;
import io.streamcl.core.optim.StageConfig;
import io.streamcl.core.optim.StageState;
import io.streamcl.core.optim.StepContext;
import io.streamcl.core.spec.Spec;
import io.streamcl.core.spec.SpecArguments;

/**
 * Weight clipping (Elsayed, Lan, Lyle and Mahmood, "Weight Clipping for Deep Continual and Reinforcement
 * Learning", RLJ 2024; {@code mohmdelsayed/weight-clipping}, README and {@code core/optim/weight_clipping.py}):
 * after the base step, every weight and bias of layer l is clipped to {@code [-κ b_l, κ b_l]}, with {@code b_l}
 * the bound of the layer's initial uniform distribution ({@link io.streamcl.core.model.MlpConfig#initBound}), so
 * that no weight grows beyond κ times its initial range. Spec {@code weight_clip(kappa=1)}; no state.
 *
 * <p>Decisions: κ = 1 is the reference README's default (the paper sweeps κ ∈ {1, 2, 3, 4, 5}). The reference
 * bounds a bias by its layer's weight bound (PyTorch's default initialises both from the same range), and so does
 * this stage, although the biases here start at 0. LayerNorm gains and shifts are left alone: the paper's
 * networks have none, and a gain that starts at 1 would be cut to the weights' range. The output layer is clipped
 * too (the reference's default {@code clip_last_layer=True}).
 */
public record WeightClipping(double kappa) implements StageConfig {
    public static final String NAME = "weight_clip";
    public static final double DEFAULT_KAPPA = 1;

    public WeightClipping {
        SpecArguments.require(kappa > 0 && Double.isFinite(kappa), NAME, "kappa", kappa, "positive");
    }

    public static WeightClipping from(Spec spec) {
        SpecArguments args = new SpecArguments(spec);
        WeightClipping clipping = new WeightClipping(args.number("kappa", DEFAULT_KAPPA));
        args.finish();
        return clipping;
    }

    @Override
    public Spec spec() {
        return Spec.of(NAME).with("kappa", kappa);
    }

    @Override
    public Phase phase() {
        return Phase.MAINTENANCE;
    }

    @Override
    public void apply(StageState state, StepContext step) {
        float[] p = step.parameters();
        ParameterLayout layout = step.layout();
        for (int l = 0; l < layout.layers(); l++) {
            float bound = (float) (kappa * step.model().initBound(l));
            int end = layout.biasOffset(l) + layout.fanOut(l);
            for (int i = layout.weightOffset(l); i < end; i++) {
                p[i] = Math.max(-bound, Math.min(bound, p[i]));
            }
        }
    }
}
