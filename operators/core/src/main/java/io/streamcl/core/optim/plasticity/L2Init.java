package io.streamcl.core.optim.plasticity;

import io.streamcl.core.model.MlpConfig;
import io.streamcl.core.optim.Phase;
import io.streamcl.core.optim.StageArguments;
import io.streamcl.core.optim.StageConfig;
import io.streamcl.core.optim.StageSpec;
import io.streamcl.core.optim.StageState;
import io.streamcl.core.optim.StepContext;

/**
 * Regenerative regularisation towards the initial parameters, "L2 Init" of Kumar, Marklund and Van Roy,
 * "Maintaining Plasticity in Continual Learning via Regenerative Regularization" (arXiv 2308.11958): {@code g +=
 * λ (θ - θ_0)} on every parameter, with θ_0 the fixed seeded initialisation, added to the gradient before the
 * base step (the coupled form the paper uses with Adam). Spec {@code l2_init(lambda=0.01)}; no state, since θ_0
 * is regenerated from the model's seed.
 *
 * <p>Deliberate choice: the paper writes the penalty as {@code λ‖θ - θ_0‖²} but its SGD update as {@code θ ←
 * (1 - αλ)θ + αλθ_0 - α∇L}; this class follows the update, i.e. the penalty {@code (λ/2)‖θ - θ_0‖²}, so λ means
 * the same as PyTorch's {@code weight_decay} and {@link L2}'s λ.
 */
public record L2Init(double lambda) implements StageConfig {
    public static final String NAME = "l2_init";
    /** Best across problems in Kumar et al. (App. A.2.5). */
    public static final double DEFAULT_LAMBDA = 1e-2;

    public L2Init {
        StageArguments.require(lambda >= 0 && Double.isFinite(lambda), NAME, "lambda", lambda, "non-negative");
    }

    public static L2Init from(StageSpec spec) {
        StageArguments args = new StageArguments(spec);
        L2Init l2Init = new L2Init(args.number("lambda", DEFAULT_LAMBDA));
        args.finish();
        return l2Init;
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
        float[] p0 = step.initialParameters();
        float[] g = step.gradient();
        float l = (float) lambda;
        for (int i = 0; i < p.length; i++) {
            g[i] += l * (p[i] - p0[i]);
        }
    }
}
