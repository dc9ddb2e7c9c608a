package io.streamcl.core.optim.plasticity;

import io.streamcl.core.optim.Phase;
import io.streamcl.core.optim.StageConfig;
import io.streamcl.core.optim.StageState;
import io.streamcl.core.optim.StepContext;
import io.streamcl.core.spec.Spec;
import io.streamcl.core.spec.SpecArguments;

/**
 * Coupled L2 regularisation towards zero ({@code l2}) or towards the initial parameters ({@code l2_init}), added
 * to the gradient before the base step on every parameter (weights, biases, LayerNorm gains and shifts): {@code
 * g += λ θ} or {@code g += λ (θ - θ_0)}.
 *
 * <ul>
 *   <li>{@code l2(lambda=1e-4)}: the "L2" baseline of Dohare et al. (Nature 2024, {@code lop/algos/bp.py}, via
 *       SGD's {@code weight_decay}); the default is the middle of their Permuted-MNIST sweep {1e-3, 1e-4, 1e-5}.
 *   <li>{@code l2_init(lambda=0.01)}: regenerative regularisation, "L2 Init" of Kumar, Marklund and Van Roy,
 *       "Maintaining Plasticity in Continual Learning via Regenerative Regularization" (arXiv 2308.11958), with
 *       θ_0 the fixed seeded initialisation (regenerated from the model's seed, so no state) and the coupled form
 *       the paper uses with Adam; the default λ was their best across problems (App. A.2.5).
 * </ul>
 *
 * <p>Deliberate choice: Kumar et al. write the penalty as {@code λ‖θ - θ_0‖²} but their SGD update as {@code θ ←
 * (1 - αλ)θ + αλθ_0 - α∇L}; this class follows the update, i.e. the penalty {@code (λ/2)‖θ - θ_0‖²}, so that λ
 * means the same in both forms and as PyTorch's {@code weight_decay}.
 */
public record L2Regularization(double lambda, boolean towardsInit) implements StageConfig {
    public static final String NAME = "l2";
    public static final String NAME_INIT = "l2_init";
    public static final double DEFAULT_LAMBDA = 1e-4;
    public static final double DEFAULT_LAMBDA_INIT = 1e-2;

    public L2Regularization {
        SpecArguments.require(lambda >= 0 && Double.isFinite(lambda), towardsInit ? NAME_INIT : NAME, "lambda",
                lambda, "non-negative");
    }

    public static L2Regularization from(Spec spec, boolean towardsInit) {
        SpecArguments args = new SpecArguments(spec);
        L2Regularization l2 = new L2Regularization(
                args.number("lambda", towardsInit ? DEFAULT_LAMBDA_INIT : DEFAULT_LAMBDA), towardsInit);
        args.finish();
        return l2;
    }

    @Override
    public Spec spec() {
        return Spec.of(towardsInit ? NAME_INIT : NAME).with("lambda", lambda);
    }

    @Override
    public Phase phase() {
        return Phase.GRADIENT_TRANSFORM;
    }

    @Override
    public void apply(StageState state, StepContext step) {
        float[] p = step.parameters();
        float[] g = step.gradient();
        float l = (float) lambda;
        if (towardsInit) {
            float[] p0 = step.initialParameters();
            for (int i = 0; i < p.length; i++) {
                g[i] += l * (p[i] - p0[i]);
            }
        } else {
            for (int i = 0; i < p.length; i++) {
                g[i] += l * p[i];
            }
        }
    }
}
