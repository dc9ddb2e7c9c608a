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
 * AdaGC, adaptive per-tensor gradient clipping (Wang et al., arXiv 2502.11034; {@code lishuai-97/AdaGC}, {@code
 * clip_grads.py}; {@code docs/optimizers.md}), per parameter tensor i:
 *
 * <pre>
 *   warm-up (first `warmup` updates): global clipping to `abs`;  γ_i = min over warm-up of ‖g_i‖ (after that clip)
 *   afterwards: if ‖g_i‖ > rel·γ_i:  g_i ← g_i · rel·γ_i / (‖g_i‖ + 1e-6),  ‖ĝ_i‖ = rel·γ_i  (else ‖ĝ_i‖ = ‖g_i‖)
 *               γ_i ← β γ_i + (1 - β) ‖ĝ_i‖
 * </pre>
 *
 * As the reference ({@code docs/optimizers.md}) γ starts at the minimum, not the mean, and its EMA takes the clipped norm.
 * Spec {@code adagc(rel=1.04,beta=0.99,warmup=100,abs=1)}; state {@code gamma} (one double per tensor) and
 * counter {@code step}.
 *
 * <p>Deliberate guard: a tensor whose gradient was zero throughout warm-up (e.g. all its units dead) would get γ = 0
 * and every later gradient clipped to zero for good; here only positive norms set γ, and a tensor without one
 * takes its first positive norm after warm-up as γ, unclipped.
 */
public record AdaGc(double relative, double beta, int warmup, double absolute) implements StageConfig {
    public static final String NAME = "adagc";
    public static final double DEFAULT_RELATIVE = 1.04;
    public static final double DEFAULT_BETA = 0.99;
    public static final int DEFAULT_WARMUP = 100;
    public static final double DEFAULT_ABSOLUTE = 1.0;
    public static final String GAMMA = "gamma";
    public static final String STEP = "step";

    public AdaGc {
        SpecArguments.require(relative >= 1 && Double.isFinite(relative), NAME, "rel", relative, "at least 1");
        SpecArguments.require(beta >= 0 && beta < 1, NAME, "beta", beta, "in [0, 1)");
        SpecArguments.require(warmup >= 1, NAME, "warmup", warmup, "at least 1");
        SpecArguments.require(absolute > 0 && Double.isFinite(absolute), NAME, "abs", absolute, "positive");
    }

    public static AdaGc from(Spec spec) {
        SpecArguments args = new SpecArguments(spec);
        AdaGc adagc = new AdaGc(args.number("rel", DEFAULT_RELATIVE), args.number("beta", DEFAULT_BETA),
                args.integer("warmup", DEFAULT_WARMUP), args.number("abs", DEFAULT_ABSOLUTE));
        args.finish();
        return adagc;
    }

    @Override
    public Spec spec() {
        return Spec.of(NAME).with("rel", relative).with("beta", beta).with("warmup", warmup)
                .with("abs", absolute);
    }

    @Override
    public Phase phase() {
        return Phase.GRADIENT_TRANSFORM;
    }

    @Override
    public StageState initialState(MlpConfig model) {
        StageState state = new StageState();
        state.putDoubles(GAMMA, new double[ParameterTensors.of(model).count()]);
        return state;
    }

    @Override
    public void apply(StageState state, StepContext step) {
        float[] g = step.gradient();
        double[] gamma = state.doubles(GAMMA);
        ParameterTensors tensors = ParameterTensors.of(step.layout());
        long t = state.increment(STEP);
        if (t <= warmup) {
            NormClipping.clip(g, ParameterTensors.norm(g), absolute);
            for (int k = 0; k < tensors.count(); k++) {
                double norm = tensors.norm(g, k);
                if (norm > 0 && (gamma[k] == 0 || norm < gamma[k])) {
                    gamma[k] = norm;
                }
            }
            return;
        }
        for (int k = 0; k < tensors.count(); k++) {
            double norm = tensors.norm(g, k);
            if (gamma[k] == 0) {
                gamma[k] = norm;
                continue;
            }
            double bound = relative * gamma[k];
            if (norm > bound) {
                tensors.scale(g, k, bound / (norm + NormClipping.EPS));
                norm = bound;
            }
            gamma[k] = beta * gamma[k] + (1 - beta) * norm;
        }
    }
}
