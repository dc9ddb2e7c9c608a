package io.streamcl.core.optim.stability;

import io.streamcl.core.model.MlpConfig;
import io.streamcl.core.optim.ParameterTensors;
import io.streamcl.core.optim.Phase;
import io.streamcl.core.optim.StageConfig;
import io.streamcl.core.optim.StageState;
import io.streamcl.core.optim.StepContext;
import io.streamcl.core.spec.Spec;
import io.streamcl.core.spec.SpecArguments;

/**
 * Fira's norm-growth limiter (Chen et al., "Fira: Can We Achieve Full-rank Training of LLMs Under Low-rank
 * Constraint?", arXiv 2410.01623; {@code optimizer_torch/fira_adamw.py}; {@code docs/optimizers.md}) as a per-tensor
 * relative limiter on the gradient: if {@code ‖g_t‖ > γ ‖g_{t-1}‖} then {@code g_t ← g_t · γ ‖g_{t-1}‖ / ‖g_t‖},
 * and the limited norm becomes the next reference. Fira applies it to the out-of-subspace residual; here it guards
 * the whole gradient against sudden spikes, e.g. at a task boundary. Spec {@code fira_limit(gamma=1.01)}; state
 * {@code norm} (one double per tensor).
 *
 * <p>Deliberate guard: a tensor whose reference norm is zero (first step, or an all-zero gradient) has no
 * reference, so its next norm is taken as is; dividing by zero plus eps would scale it to zero and freeze it.
 */
public record GrowthLimiter(double gamma) implements StageConfig {
    public static final String NAME = "fira_limit";
    public static final double DEFAULT_GAMMA = 1.01;
    public static final String NORM = "norm";

    public GrowthLimiter {
        SpecArguments.require(gamma >= 1 && Double.isFinite(gamma), NAME, "gamma", gamma, "at least 1");
    }

    public static GrowthLimiter from(Spec spec) {
        SpecArguments args = new SpecArguments(spec);
        GrowthLimiter limiter = new GrowthLimiter(args.number("gamma", DEFAULT_GAMMA));
        args.finish();
        return limiter;
    }

    @Override
    public Spec spec() {
        return Spec.of(NAME).with("gamma", gamma);
    }

    @Override
    public Phase phase() {
        return Phase.GRADIENT_TRANSFORM;
    }

    @Override
    public StageState initialState(MlpConfig model) {
        StageState state = new StageState();
        state.putDoubles(NORM, new double[ParameterTensors.of(model).count()]);
        return state;
    }

    @Override
    public void apply(StageState state, StepContext step) {
        float[] g = step.gradient();
        double[] previous = state.doubles(NORM);
        ParameterTensors tensors = ParameterTensors.of(step.layout());
        for (int k = 0; k < tensors.count(); k++) {
            double norm = tensors.norm(g, k);
            double limit = gamma * previous[k];
            if (previous[k] > 0 && norm > limit) {
                tensors.scale(g, k, limit / norm);
                norm = limit;
            }
            previous[k] = norm;
        }
    }
}
