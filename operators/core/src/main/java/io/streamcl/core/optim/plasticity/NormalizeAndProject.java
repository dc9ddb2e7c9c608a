package io.streamcl.core.optim.plasticity;

import io.streamcl.core.model.MlpConfig;
import io.streamcl.core.model.ParameterLayout;
import io.streamcl.core.optim.Phase;
import io.streamcl.core.optim.StageConfig;
import io.streamcl.core.optim.StageState;
import io.streamcl.core.optim.StepContext;
import io.streamcl.core.spec.Spec;
import io.streamcl.core.spec.SpecArguments;

/**
 * Normalize-and-Project (Lyle et al., "Normalization and effective learning rates in reinforcement learning",
 * arXiv 2407.01800): with LayerNorm after each hidden linear layer the function is scale-invariant in that
 * layer's weights, so after every step each such weight matrix is projected back to its initial Frobenius norm,
 * {@code W ← W · ‖W_0‖ / ‖W‖}, which keeps the effective learning rate constant. Spec {@code nap()}; needs
 * {@code layer_norm=true}; no state (the initial norms come from θ_0).
 *
 * <p>[unverified] Deliberate choices where the paper was not checked: the LayerNorm gains are projected the same
 * way (to their initial norm, sqrt(width)) so they cannot absorb the scale instead; shifts, biases and the output
 * layer (not followed by a normalisation, so not scale-invariant) are left alone.
 */
public record NormalizeAndProject() implements StageConfig {
    public static final String NAME = "nap";

    public static NormalizeAndProject from(Spec spec) {
        new SpecArguments(spec).finish();
        return new NormalizeAndProject();
    }

    @Override
    public Spec spec() {
        return Spec.of(NAME);
    }

    @Override
    public Phase phase() {
        return Phase.MAINTENANCE;
    }

    @Override
    public void validateFor(MlpConfig model) {
        if (!model.layerNorm() || model.hidden().length == 0) {
            throw new IllegalArgumentException(NAME + " needs hidden layers with LayerNorm (model layer_norm=true)");
        }
    }

    @Override
    public void apply(StageState state, StepContext step) {
        ParameterLayout layout = step.layout();
        float[] p = step.parameters();
        float[] p0 = step.initialParameters();
        for (int l = 0; l < layout.layers(); l++) {
            if (layout.normalized(l)) {
                project(p, p0, layout.weightOffset(l), layout.biasOffset(l));
                project(p, p0, layout.gainOffset(l), layout.shiftOffset(l));
            }
        }
    }

    /** Rescales {@code p[from, to)} to the norm of {@code p0[from, to)}. */
    private static void project(float[] p, float[] p0, int from, int to) {
        double now = 0;
        double initial = 0;
        for (int i = from; i < to; i++) {
            now += (double) p[i] * p[i];
            initial += (double) p0[i] * p0[i];
        }
        if (now > 0) {
            float scale = (float) Math.sqrt(initial / now);
            for (int i = from; i < to; i++) {
                p[i] *= scale;
            }
        }
    }
}
