package io.streamcl.core.optim.plasticity;

import io.streamcl.core.model.MlpConfig;
import io.streamcl.core.optim.Phase;
import io.streamcl.core.optim.StageArguments;
import io.streamcl.core.optim.StageConfig;
import io.streamcl.core.optim.StageSpec;
import io.streamcl.core.optim.StageState;
import io.streamcl.core.optim.StepContext;

/**
 * Coupled L2 regularisation, the "L2" baseline of Dohare et al. (Nature 2024, {@code lop/algos/bp.py}, via
 * SGD's {@code weight_decay}): {@code g += λ θ} on every parameter (weights, biases, LayerNorm gains and shifts),
 * the gradient of {@code (λ/2)‖θ‖²}, before any base step. Spec {@code l2(lambda=1e-4)}; no state.
 */
public record L2(double lambda) implements StageConfig {
    public static final String NAME = "l2";
    /** Dohare's Permuted-MNIST middle value (sweep {1e-3, 1e-4, 1e-5}). */
    public static final double DEFAULT_LAMBDA = 1e-4;

    public L2 {
        StageArguments.require(lambda >= 0 && Double.isFinite(lambda), NAME, "lambda", lambda, "non-negative");
    }

    public static L2 from(StageSpec spec) {
        StageArguments args = new StageArguments(spec);
        L2 l2 = new L2(args.number("lambda", DEFAULT_LAMBDA));
        args.finish();
        return l2;
    }

    @Override
    public StageSpec spec() {
        return StageSpec.of(NAME).with("lambda", lambda);
    }

    @Override
    public Phase phase() {
        return Phase.GRADIENT_TRANSFORM;
    }

    @Override
    public StageState initialState(MlpConfig model) {
        return new StageState();
    }

    @Override
    public void apply(StageState state, StepContext step) {
        float[] p = step.parameters();
        float[] g = step.gradient();
        float l = (float) lambda;
        for (int i = 0; i < p.length; i++) {
            g[i] += l * p[i];
        }
    }
}
