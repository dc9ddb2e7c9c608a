package io.streamcl.core.optim.plasticity;

import io.streamcl.core.model.MlpConfig;
import io.streamcl.core.model.ParameterLayout;
import io.streamcl.core.model.Subnormals;
import io.streamcl.core.optim.ParameterSlice;
import io.streamcl.core.optim.Phase;
import io.streamcl.core.optim.StageConfig;
import io.streamcl.core.optim.StageState;
import io.streamcl.core.optim.StatelessRandom;
import io.streamcl.core.optim.StepContext;
import io.streamcl.core.spec.Spec;
import io.streamcl.core.spec.SpecArguments;

/**
 * Utility-based perturbed gradient descent, first-order, global scaling (Elsayed and Mahmood, "Addressing Loss
 * of Plasticity and Catastrophic Forgetting in Continual Learning", ICLR 2024; {@code
 * core/optim/weight_upgd/first_order.py}), as a gradient transform so that it composes with any base step:
 *
 * <pre>
 *   Ũ = β_u Ũ + (1 - β_u)(-g ⊙ θ)                      utility trace, every parameter
 *   Ū = sigmoid( Ũ / (1 - β_u^t) / max(Ũ) )             max over all parameters of the network (two passes)
 *   protecting:     g ← (g + ξ)(1 - Ū) + λ θ            ξ ~ N(0, σ²)
 *   non-protecting: g ← g + ξ(1 - Ū) + λ θ
 * </pre>
 *
 * Followed by {@code sgd(lr=α)} this is exactly UPGD-W, {@code θ ← (1 - αλ)θ - α(g + ξ)(1 - Ū)}; followed by Adam
 * it is the AdaUPGD variant (the decay then passes through Adam's normalisation, as coupled L2). Spec {@code
 * upgd(beta_u=0.999,sigma=0.001,wd=0.001,protect=true)}, the defaults of the paper's README (β_u = 0.999, σ =
 * 1e-3, λ = 1e-3): the weight decay is part of the method, and without it UPGD lost plasticity on bit-flipping
 * regression like plain SGD (error 0.71 → 1.20). With these defaults it still loses some at the paper's size of
 * that problem (100 flips × 10,000 examples: error 1.10 → 1.35); the paper's setting for its own loss-of-plasticity
 * benchmark, input-permuted MNIST (Table 3: β_u = 0.9999, σ = 0.1, λ = 0.01), keeps it (1.16 → 0.98) but costs 8
 * points of online accuracy on Permuted Fashion-MNIST, so it is documented ({@code
 * docs/results/loss-of-plasticity.md}), not the default. State {@code utility} (per parameter, zeroed for
 * re-initialised weights) and counter {@code step}.
 *
 * <p>Deliberate choices: as in the reference code the maximum is taken over the raw (not bias-corrected) traces,
 * and the update scale is α, not the README snippet's 2α. The reference divides by the maximum unguarded; here a
 * maximum that is not positive (no parameter useful yet) is replaced by the smallest positive float, so that
 * every Ū is 0 or 1/2 (no protection) instead of NaN or a flipped ranking.
 */
public record Upgd(double betaUtility, double sigma, double weightDecay, boolean protect) implements StageConfig {
    public static final String NAME = "upgd";
    /** The README's defaults. */
    public static final double DEFAULT_BETA_UTILITY = 0.999;
    public static final double DEFAULT_SIGMA = 1e-3;
    public static final double DEFAULT_WEIGHT_DECAY = 1e-3;
    public static final boolean DEFAULT_PROTECT = true;
    public static final String UTILITY = "utility";
    public static final String STEP = "step";
    private static final long TAG = 0x5550L;

    public Upgd {
        SpecArguments.require(betaUtility >= 0 && betaUtility < 1, NAME, "beta_u", betaUtility, "in [0, 1)");
        SpecArguments.require(sigma >= 0 && Double.isFinite(sigma), NAME, "sigma", sigma, "non-negative");
        SpecArguments.require(weightDecay >= 0 && Double.isFinite(weightDecay), NAME, "wd", weightDecay,
                "non-negative");
    }

    public static Upgd from(Spec spec) {
        SpecArguments args = new SpecArguments(spec);
        Upgd upgd = new Upgd(args.number("beta_u", DEFAULT_BETA_UTILITY), args.number("sigma", DEFAULT_SIGMA),
                args.number("wd", DEFAULT_WEIGHT_DECAY), args.bool("protect", DEFAULT_PROTECT));
        args.finish();
        return upgd;
    }

    @Override
    public Spec spec() {
        return Spec.of(NAME).with("beta_u", betaUtility).with("sigma", sigma).with("wd", weightDecay)
                .with("protect", protect);
    }

    @Override
    public Phase phase() {
        return Phase.GRADIENT_TRANSFORM;
    }

    @Override
    public StageState initialState(MlpConfig model) {
        StageState state = new StageState();
        state.putFloats(UTILITY, new float[ParameterLayout.of(model).size()]);
        return state;
    }

    @Override
    public void apply(StageState state, StepContext step) {
        float[] p = step.parameters();
        float[] g = step.gradient();
        float[] u = state.floats(UTILITY);
        long t = state.increment(STEP);
        float beta = (float) betaUtility;
        float rest = (float) (1 - betaUtility);
        float max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < p.length; i++) {
            float ui = Subnormals.flush(beta * u[i] - rest * g[i] * p[i]);
            u[i] = ui;
            max = Math.max(max, ui);
        }
        double scale = 1.0 / ((1 - Math.pow(betaUtility, t)) * (max > 0 ? max : Float.MIN_VALUE));
        long key = noiseKey(step.model().seed(), step.step());
        float noiseScale = (float) sigma;
        float decay = (float) weightDecay;
        long block = 0;
        for (int i = 0; i < p.length; i++) {
            if ((i & 3) == 0) {
                block = StatelessRandom.block(key, i >>> 2);
            }
            float keep = (float) (1 / (1 + Math.exp(u[i] * scale)));
            float noise = noiseScale * StatelessRandom.gaussianLane(block, i & 3);
            g[i] = (protect ? (g[i] + noise) * keep : g[i] + noise * keep) + decay * p[i];
        }
    }

    /** The noise key of update {@code step}: element i's ξ is {@code sigma * gaussian(noiseKey, i)}. */
    public static long noiseKey(long seed, long step) {
        return StatelessRandom.key(seed, TAG, step);
    }

    @Override
    public void reset(StageState state, ParameterSlice slice) {
        slice.fill(state.floats(UTILITY), 0f);
    }
}
