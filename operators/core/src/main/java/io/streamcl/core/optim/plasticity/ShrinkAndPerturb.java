package io.streamcl.core.optim.plasticity;

import io.streamcl.core.optim.Phase;
import io.streamcl.core.optim.StageConfig;
import io.streamcl.core.optim.StageState;
import io.streamcl.core.optim.StatelessRandom;
import io.streamcl.core.optim.StepContext;
import io.streamcl.core.spec.Spec;
import io.streamcl.core.spec.SpecArguments;

/**
 * Shrink-and-perturb in its per-step form (Ash and Adams 2020; per-step variant of Dohare et al., Nature 2024,
 * {@code lop/algos/bp.py}, and Kumar et al. 2023): after every base step, {@code θ ← (1 - shrink) θ + σ ξ} with
 * ξ ~ N(0, 1) drawn independently for every parameter. Spec {@code shrink_perturb(shrink=1e-4,sigma=0.01)};
 * no state (the noise is counter-based on seed, update number and position).
 *
 * <p>Mapping to the sources: Dohare's coupled-L2 SGD step with weight decay {@code wd} and rate α is {@code
 * shrink = α·wd} (up to a second-order term) followed by noise σ; Kumar et al.'s {@code p} is {@code 1 -
 * shrink}. The defaults are Kumar et al.'s best for SGD on Permuted MNIST (p = 1 - 1e-4, σ = 1e-2).
 *
 * <p>Cost: one normal variate per parameter per step (a hash and a table look-up, {@link StatelessRandom}), the
 * dominant extra cost.
 */
public record ShrinkAndPerturb(double shrink, double sigma) implements StageConfig {
    public static final String NAME = "shrink_perturb";
    public static final double DEFAULT_SHRINK = 1e-4;
    public static final double DEFAULT_SIGMA = 1e-2;
    private static final long TAG = 0x5350L;

    public ShrinkAndPerturb {
        SpecArguments.require(shrink >= 0 && shrink < 1, NAME, "shrink", shrink, "in [0, 1)");
        SpecArguments.require(sigma >= 0 && Double.isFinite(sigma), NAME, "sigma", sigma, "non-negative");
    }

    public static ShrinkAndPerturb from(Spec spec) {
        SpecArguments args = new SpecArguments(spec);
        ShrinkAndPerturb sp = new ShrinkAndPerturb(args.number("shrink", DEFAULT_SHRINK),
                args.number("sigma", DEFAULT_SIGMA));
        args.finish();
        return sp;
    }

    @Override
    public Spec spec() {
        return Spec.of(NAME).with("shrink", shrink).with("sigma", sigma);
    }

    @Override
    public Phase phase() {
        return Phase.MAINTENANCE;
    }

    @Override
    public void apply(StageState state, StepContext step) {
        float[] p = step.parameters();
        float keep = (float) (1 - shrink);
        float scale = (float) sigma;
        long key = noiseKey(step.model().seed(), step.step());
        for (int i = 0; i < p.length; i++) {
            p[i] = keep * p[i] + scale * StatelessRandom.gaussian(key, i);
        }
    }

    /** The noise key of update {@code step}: element i's noise is {@code gaussian(noiseKey, i)}. */
    public static long noiseKey(long seed, long step) {
        return StatelessRandom.key(seed, TAG, step);
    }
}
