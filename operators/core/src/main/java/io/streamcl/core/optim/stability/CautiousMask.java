package io.streamcl.core.optim.stability;

import io.streamcl.core.optim.ParameterTensors;
import io.streamcl.core.optim.Phase;
import io.streamcl.core.optim.StageConfig;
import io.streamcl.core.optim.StageState;
import io.streamcl.core.optim.StepContext;
import io.streamcl.core.spec.Spec;
import io.streamcl.core.spec.SpecArguments;

/**
 * The cautious mask (Liang et al., "Cautious Optimizers: Improving Training with One Line of Code", arXiv
 * 2411.16085; {@code C-Optim}, {@code c_adamw.py}; {@code docs/optimizers.md}) on whatever base step precedes it: of the
 * base step's update u (recovered from θ' = (1 - d) θ - u), keep only the coordinates that agree in sign with the
 * gradient, rescaled per tensor so that the update keeps its average size:
 *
 * <pre>
 *   φ = 1[u ⊙ g > 0];   φ ← φ / max(mean_tensor(φ), 1e-3);   θ ← (1 - d) θ - u ⊙ φ
 * </pre>
 *
 * With Adam u has the sign of m_t, so this is C-AdamW's {@code 1[m_t ⊙ g_t > 0]} with the decoupled decay left
 * unmasked as there; with SGD momentum it is the sign test on the momentum buffer. Spec {@code cautious}; no
 * state. This is the per-parameter path of the reference, the intended rule: its foreach path builds the mask from
 * {@code exp_avg ⊙ exp_avg}, which is always positive, so caution is off there ({@code docs/optimizers.md}).
 */
public record CautiousMask() implements StageConfig {
    public static final String NAME = "cautious";
    /** The floor on the kept fraction in the rescaling (timm's mean-based form). */
    static final double MIN_KEPT = 1e-3;

    public static CautiousMask from(Spec spec) {
        new SpecArguments(spec).finish();
        return new CautiousMask();
    }

    @Override
    public Spec spec() {
        return Spec.of(NAME);
    }

    @Override
    public Phase phase() {
        return Phase.UPDATE_TRANSFORM;
    }

    @Override
    public void apply(StageState state, StepContext step) {
        float[] p = step.parameters();
        float[] before = step.previousParameters();
        float[] g = step.gradient();
        float keep = (float) (1 - step.decoupledDecay());
        ParameterTensors tensors = ParameterTensors.of(step.layout());
        for (int k = 0; k < tensors.count(); k++) {
            int from = tensors.from(k);
            int to = tensors.to(k);
            int agreeing = 0;
            for (int i = from; i < to; i++) {
                if ((keep * before[i] - p[i]) * g[i] > 0) {
                    agreeing++;
                }
            }
            float scale = (float) (1 / Math.max((double) agreeing / (to - from), MIN_KEPT));
            for (int i = from; i < to; i++) {
                float decayed = keep * before[i];
                float u = decayed - p[i];
                p[i] = u * g[i] > 0 ? decayed - scale * u : decayed;
            }
        }
    }
}
