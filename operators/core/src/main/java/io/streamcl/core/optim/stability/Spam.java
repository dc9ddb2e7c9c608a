package io.streamcl.core.optim.stability;

import io.streamcl.core.model.MlpConfig;
import io.streamcl.core.model.ParameterLayout;
import io.streamcl.core.model.Subnormals;
import io.streamcl.core.optim.ParameterSlice;
import io.streamcl.core.optim.Phase;
import io.streamcl.core.optim.StageConfig;
import io.streamcl.core.optim.StageState;
import io.streamcl.core.optim.StepContext;
import io.streamcl.core.optim.StepSignals;
import io.streamcl.core.spec.Spec;
import io.streamcl.core.spec.SpecArguments;
import java.util.Arrays;

/**
 * SPAM, spike-aware Adam with momentum reset (Huang et al., arXiv 2501.06842; {@code SPAM-Optimizer}, {@code
 * galore_torch/SPAM.py}; {@code docs/optimizers.md}), as a gradient transform in front of the base step, for update t
 * (1-based):
 *
 * <pre>
 *   t mod ΔT = 0:   zero the base step's moments, keep its bias-correction step counts       (momentum reset)
 *   t ≥ d and t mod ΔT ≥ d:   where g_i² > θ·v_i:  g_i ← sign(g_i)·sqrt(θ·v_i)              (spike clipping)
 *   v ← β2 v + (1 - β2) g²                                                  (v of the previous step is used above)
 *   learning rate × (1 - 0.99·(1 + cos(π c / (N + 1))) / 2)  for c = t mod ΔT < N after the first reset, else × 1
 * </pre>
 *
 * Spec {@code spam(threshold=5000,interval=500,warmup=150,beta2=0.999,clip_delay=20)}: θ, ΔT, N (the README's
 * 150; {@code docs/optimizers.md}: the reference training script passes the learning-rate warm-up length instead), Adam's
 * β2, d. State {@code v}: a mirror of the base step's second moment, since a stage does not read another's state;
 * it equals {@code adamw}'s v (or {@code adam}'s with {@code wd=0}) for the same β2, and it is reset with it.
 * With SGD the clipping uses the mirror alone and the reset clears the momentum buffer.
 *
 * <p>Deliberate differences: where v_i is still zero no threshold exists yet and g_i is left alone (the reference
 * would clip it to zero, and keep it there, e.g. for weights re-initialised by continual backprop). The base step
 * keeps its own form: SPAM's eps is added to the uncorrected sqrt(v), ours to the corrected one (use {@code
 * adamw(eps=1e-6)} for SPAM's magnitude). Sparse momentum ({@code density < 1}) is not implemented.
 */
public record Spam(double threshold, int interval, int warmup, double beta2, int clipDelay) implements StageConfig {
    public static final String NAME = "spam";
    public static final double DEFAULT_THRESHOLD = 5000;
    public static final int DEFAULT_INTERVAL = 500;
    public static final int DEFAULT_WARMUP = 150;
    public static final double DEFAULT_BETA2 = 0.999;
    public static final int DEFAULT_CLIP_DELAY = 20;
    public static final String V = "v";

    public Spam {
        SpecArguments.require(threshold >= 0 && Double.isFinite(threshold), NAME, "threshold", threshold,
                "non-negative (0 turns clipping off)");
        SpecArguments.require(interval >= 0, NAME, "interval", interval, "non-negative (0 turns resets off)");
        SpecArguments.require(warmup >= 0, NAME, "warmup", warmup, "non-negative");
        SpecArguments.require(beta2 >= 0 && beta2 < 1, NAME, "beta2", beta2, "in [0, 1)");
        SpecArguments.require(clipDelay >= 0, NAME, "clip_delay", clipDelay, "non-negative");
    }

    public static Spam from(Spec spec) {
        SpecArguments args = new SpecArguments(spec);
        Spam spam = new Spam(args.number("threshold", DEFAULT_THRESHOLD), args.integer("interval", DEFAULT_INTERVAL),
                args.integer("warmup", DEFAULT_WARMUP), args.number("beta2", DEFAULT_BETA2),
                args.integer("clip_delay", DEFAULT_CLIP_DELAY));
        args.finish();
        return spam;
    }

    @Override
    public Spec spec() {
        return Spec.of(NAME).with("threshold", threshold).with("interval", interval).with("warmup", warmup)
                .with("beta2", beta2).with("clip_delay", clipDelay);
    }

    @Override
    public Phase phase() {
        return Phase.GRADIENT_TRANSFORM;
    }

    @Override
    public StageState initialState(MlpConfig model) {
        StageState state = new StageState();
        state.putFloats(V, new float[ParameterLayout.of(model).size()]);
        return state;
    }

    @Override
    public void apply(StageState state, StepContext step) {
        long t = step.step();
        if (interval > 0 && t % interval == 0) {
            step.resetMoments(true);
        }
        float[] g = step.gradient();
        float[] v = state.floats(V);
        boolean clip = threshold > 0 && t >= clipDelay && (interval == 0 || t % interval >= clipDelay);
        float theta = (float) threshold;
        float b2 = (float) beta2;
        float c2 = (float) (1 - beta2);
        for (int i = 0; i < g.length; i++) {
            float gi = g[i];
            float bound = theta * v[i];
            if (clip && v[i] > 0 && gi * gi > bound) {
                gi = Math.copySign((float) Math.sqrt(bound), gi);
                g[i] = gi;
            }
            gi = Subnormals.flushTiny(gi);
            v[i] = Subnormals.flush(b2 * v[i] + c2 * gi * gi);
        }
    }

    @Override
    public double learningRateScale(long step, StepSignals signals) {
        return interval == 0 || step < interval ? 1 : rewarm(step % interval, warmup);
    }

    /**
     * SPAM's re-warm-up factor {@code c} updates after a momentum reset: {@code 1 - 0.99·(1 + cos(π c / (N + 1))) /
     * 2}, from 0.01 at {@code c = 0} up to 1 for {@code c ≥ N} (the reference's {@code CosineDecay(0.99, N)}).
     */
    public static double rewarm(long c, int warmup) {
        return c >= warmup ? 1 : 1 - 0.99 * (1 + Math.cos(Math.PI * c / (warmup + 1))) / 2;
    }

    @Override
    public void reset(StageState state, ParameterSlice slice) {
        slice.fill(state.floats(V), 0f);
    }

    @Override
    public void resetMoments(StageState state, boolean keepStepCounts) {
        Arrays.fill(state.floats(V), 0f);
    }
}
