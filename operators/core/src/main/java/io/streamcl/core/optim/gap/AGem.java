package io.streamcl.core.optim.gap;

import io.streamcl.core.optim.Phase;
import io.streamcl.core.optim.StageConfig;
import io.streamcl.core.optim.StageState;
import io.streamcl.core.optim.StepContext;
import io.streamcl.core.spec.Spec;
import io.streamcl.core.spec.SpecArguments;

/**
 * A-GEM projection (Chaudhry et al., "Efficient Lifelong Learning with A-GEM", ICLR 2019; Avalanche's {@code
 * AGEMPlugin} as used by {@code TimmHess/ContinualEvaluation}; {@code docs/optimizers.md}): with {@code g_ref} the gradient
 * of the mean loss on a replay batch of {@code sample} rows, drawn apart from any replay rows of the training batch,
 *
 * <pre>
 *   if gᵀg_ref &lt; 0:   g ← g - (gᵀg_ref / (g_refᵀg_ref + eps)) · g_ref
 * </pre>
 *
 * so the step no longer increases the replay loss to first order. The learner computes {@code g_ref} (a second
 * forward and backward pass) because {@link #referenceRows()} asks for it, and hands it over in {@link
 * StepContext#referenceGradient()}; until the replay memory holds an example there is none and g is kept. Used
 * together with a replayed training batch this is Hess et al.'s ER + A-GEM. Spec {@code agem(sample=32,eps=1e-7)};
 * state: counter {@code projected}, the updates that were projected.
 */
public record AGem(int sample, double eps) implements StageConfig {
    public static final String NAME = "agem";
    /** "Typically the mini-batch size": the learner's default batch. */
    public static final int DEFAULT_SAMPLE = 32;
    public static final double DEFAULT_EPS = 1e-7;
    public static final String PROJECTED = "projected";

    public AGem {
        SpecArguments.require(sample >= 1, NAME, "sample", sample, "at least 1");
        SpecArguments.require(eps > 0 && Double.isFinite(eps), NAME, "eps", eps, "positive");
    }

    public static AGem from(Spec spec) {
        SpecArguments args = new SpecArguments(spec);
        AGem agem = new AGem(args.integer("sample", DEFAULT_SAMPLE), args.number("eps", DEFAULT_EPS));
        args.finish();
        return agem;
    }

    @Override
    public Spec spec() {
        return Spec.of(NAME).with("sample", sample).with("eps", eps);
    }

    @Override
    public Phase phase() {
        return Phase.GRADIENT_TRANSFORM;
    }

    @Override
    public int referenceRows() {
        return sample;
    }

    @Override
    public void apply(StageState state, StepContext step) {
        float[] ref = step.referenceGradient();
        if (ref == null) {
            return;
        }
        float[] g = step.gradient();
        double dot = 0;
        double refSquared = 0;
        for (int i = 0; i < g.length; i++) {
            dot += (double) g[i] * ref[i];
            refSquared += (double) ref[i] * ref[i];
        }
        if (dot < 0) {
            float factor = (float) (dot / (refSquared + eps));
            for (int i = 0; i < g.length; i++) {
                g[i] -= factor * ref[i];
            }
            state.increment(PROJECTED);
        }
    }
}
