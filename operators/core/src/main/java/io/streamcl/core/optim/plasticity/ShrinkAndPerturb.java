package io.streamcl.core.optim.plasticity;

import io.streamcl.core.model.ParameterLayout;
import io.streamcl.core.optim.Phase;
import io.streamcl.core.optim.StageConfig;
import io.streamcl.core.optim.StageState;
import io.streamcl.core.optim.StatelessRandom;
import io.streamcl.core.optim.StepContext;
import io.streamcl.core.spec.Spec;
import io.streamcl.core.spec.SpecArguments;

/**
 * Shrink-and-perturb in its per-step form (Ash and Adams, "On Warm-Starting Neural Network Training", NeurIPS
 * 2020; per-step form of Kumar, Marklund and Van Roy, "Maintaining Plasticity in Continual Learning via
 * Regenerative Regularization", 2023, App. A.3): after the base step, every {@code every} updates,
 *
 * <pre>
 *   θ ← (1 - shrink)^every · θ + σ · √every · ε,     ε ~ U(-b_l, b_l) per parameter of layer l
 * </pre>
 *
 * where {@code b_l} is the bound of layer l's initial distribution ({@link
 * io.streamcl.core.model.MlpConfig#initBound}), for every parameter of the layer (weights, bias, LayerNorm gain
 * and shift). Spec {@code shrink_perturb(shrink=1e-4,sigma=0.01,every=1)}; no state (the noise is counter-based
 * on seed, update number and position).
 *
 * <p>Why ε comes from the initial distribution: that is Ash and Adams' and Kumar et al.'s perturbation ("sampled
 * from the same distribution the parameters were initialised from, then scaled by σ, so that the noise scales with
 * the width of each layer"), and the defaults are Kumar et al.'s best for SGD on Permuted MNIST (p = 1 - 1e-4, σ =
 * 1e-2, their Table 3). An earlier form here drew ε ~ N(0, 1) with the same σ: a per-step noise of 0.01 against a
 * Kaiming bound of 0.09–0.15, whose stationary weight spread under a 1e-4 shrink, σ / √(2·shrink) ≈ 0.7, is five
 * to fifteen times the initial spread; the weights drowned in noise and most ReLU units died (82 % dead units on
 * Permuted Fashion-MNIST). With ε from the initial distribution the stationary spread is σ·b / √(6·shrink) ≈ 0.41
 * b, below the initial b / √3 ≈ 0.58 b: shrink and noise regenerate the initial scale instead of replacing it.
 * Dohare et al. (Nature 2024) add N(0, σ²) with σ ∈ {1e-4, 1e-5, 1e-6} after an SGD step with coupled weight decay;
 * the default's per-step noise here, σ·b / √3 ≈ 5e-4 to 9e-4, is a few times their largest.
 *
 * <p>Cost: a quarter of a hash per parameter (four 16-bit uniform variates per hash, {@link StatelessRandom}).
 * {@code every > 1} applies the accumulated shrink and a noise of the same variance as {@code every} single steps
 * once per {@code every} updates, dividing the cost by {@code every} (Kumar et al. note that the step can be taken
 * at any interval, with p adjusted); between two applications the weights are not perturbed, so keep {@code every}
 * well below a task's length.
 */
public record ShrinkAndPerturb(double shrink, double sigma, int every) implements StageConfig {
    public static final String NAME = "shrink_perturb";
    public static final double DEFAULT_SHRINK = 1e-4;
    public static final double DEFAULT_SIGMA = 1e-2;
    public static final int DEFAULT_EVERY = 1;
    private static final long TAG = 0x5350L;

    public ShrinkAndPerturb {
        SpecArguments.require(shrink >= 0 && shrink < 1, NAME, "shrink", shrink, "in [0, 1)");
        SpecArguments.require(sigma >= 0 && Double.isFinite(sigma), NAME, "sigma", sigma, "non-negative");
        SpecArguments.require(every >= 1, NAME, "every", every, "a positive integer");
    }

    public static ShrinkAndPerturb from(Spec spec) {
        SpecArguments args = new SpecArguments(spec);
        ShrinkAndPerturb sp = new ShrinkAndPerturb(args.number("shrink", DEFAULT_SHRINK),
                args.number("sigma", DEFAULT_SIGMA), args.integer("every", DEFAULT_EVERY));
        args.finish();
        return sp;
    }

    @Override
    public Spec spec() {
        return Spec.of(NAME).with("shrink", shrink).with("sigma", sigma).with("every", every);
    }

    @Override
    public Phase phase() {
        return Phase.MAINTENANCE;
    }

    @Override
    public void apply(StageState state, StepContext step) {
        if (step.step() % every != 0) {
            return;
        }
        float[] p = step.parameters();
        ParameterLayout layout = step.layout();
        float keep = (float) Math.pow(1 - shrink, every);
        long key = noiseKey(step.model().seed(), step.step());
        for (int l = 0; l < layout.layers(); l++) {
            float scale = (float) (sigma * Math.sqrt(every) * step.model().initBound(l));
            int from = layout.weightOffset(l);
            int to = l + 1 < layout.layers() ? layout.weightOffset(l + 1) : layout.size();
            long block = StatelessRandom.block(key, from >>> 2);
            for (int i = from; i < to; i++) {
                if ((i & 3) == 0) {
                    block = StatelessRandom.block(key, i >>> 2);
                }
                p[i] = keep * p[i] + scale * StatelessRandom.uniformLane(block, i & 3);
            }
        }
    }

    /** The noise key of update {@code step}: element i's ε is {@code b_l * uniformNoise(noiseKey, i)}. */
    public static long noiseKey(long seed, long step) {
        return StatelessRandom.key(seed, TAG, step);
    }
}
