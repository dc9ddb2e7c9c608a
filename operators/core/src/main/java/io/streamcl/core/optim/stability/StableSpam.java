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
 * Stable-SPAM (Huang et al., arXiv 2502.17055; {@code StableSPAM}, {@code galore_torch/stablespam.py};
 * {@code docs/optimizers.md}) as a gradient transform in front of the base step, per parameter tensor, for update t:
 *
 * <pre>
 *   AdaClip:  m_max ← γ3 m_max + (1-γ3) max|g|;  m̂ = m_max / (1-γ3^t);  where |g_i| > m̂:  g_i ← g_i / max|g| · m̂
 *   AdaGN:    m_n ← γ1 m_n + (1-γ1)‖g‖;  v_n ← γ2 v_n + (1-γ2)‖g‖²;  g ← g / ‖g‖ · m̂_n / (sqrt(v̂_n) + eps)
 *   MoRet:    t mod ΔT = 0:  zero the base step's moments and restart its bias correction
 * </pre>
 *
 * Spec {@code stable_spam(gamma1=0.7,gamma2=0.9,gamma3=0.999,interval=1000,eps=1e-8)}; state per tensor {@code
 * max}, {@code norm_m}, {@code norm_v} (doubles) and counter {@code step}. Adam's own update (decoupled decay
 * first, as {@code adamw}) is the base step's.
 *
 * <p>The intended rule, not the reference's quirks ({@code docs/optimizers.md}): (1) the moments are zeroed before
 * the base step, so the reset step already uses the fresh moments (the reference still updates with the old ones,
 * bias-corrected as step 1, shrinking that step by about 0.32); (2) m_max, m_n and v_n are bias-corrected with
 * this stage's own counter, which no reset touches (the reference reuses the reset step counter, so m̂ is inflated
 * up to ~500x after every reset and AdaClip is off for hundreds of steps). The optional {@code total_T} cosine
 * decay of β1 and γ1 is not implemented: β1 belongs to the base step.
 */
public record StableSpam(double gamma1, double gamma2, double gamma3, int interval, double eps)
        implements StageConfig {
    public static final String NAME = "stable_spam";
    public static final double DEFAULT_GAMMA1 = 0.7;
    public static final double DEFAULT_GAMMA2 = 0.9;
    public static final double DEFAULT_GAMMA3 = 0.999;
    /** The constructor's default; the README's FP4 example uses 500. */
    public static final int DEFAULT_INTERVAL = 1000;
    public static final double DEFAULT_EPS = 1e-8;
    public static final String MAX = "max";
    public static final String NORM_M = "norm_m";
    public static final String NORM_V = "norm_v";
    public static final String STEP = "step";

    public StableSpam {
        SpecArguments.require(gamma1 >= 0 && gamma1 < 1, NAME, "gamma1", gamma1, "in [0, 1)");
        SpecArguments.require(gamma2 >= 0 && gamma2 < 1, NAME, "gamma2", gamma2, "in [0, 1)");
        SpecArguments.require(gamma3 >= 0 && gamma3 < 1, NAME, "gamma3", gamma3, "in [0, 1)");
        SpecArguments.require(interval >= 0, NAME, "interval", interval, "non-negative (0 turns resets off)");
        SpecArguments.require(eps > 0 && Double.isFinite(eps), NAME, "eps", eps, "positive");
    }

    public static StableSpam from(Spec spec) {
        SpecArguments args = new SpecArguments(spec);
        StableSpam stable = new StableSpam(args.number("gamma1", DEFAULT_GAMMA1), args.number("gamma2", DEFAULT_GAMMA2),
                args.number("gamma3", DEFAULT_GAMMA3), args.integer("interval", DEFAULT_INTERVAL),
                args.number("eps", DEFAULT_EPS));
        args.finish();
        return stable;
    }

    @Override
    public Spec spec() {
        return Spec.of(NAME).with("gamma1", gamma1).with("gamma2", gamma2).with("gamma3", gamma3)
                .with("interval", interval).with("eps", eps);
    }

    @Override
    public Phase phase() {
        return Phase.GRADIENT_TRANSFORM;
    }

    @Override
    public StageState initialState(MlpConfig model) {
        int tensors = ParameterTensors.of(model).count();
        StageState state = new StageState();
        state.putDoubles(MAX, new double[tensors]);
        state.putDoubles(NORM_M, new double[tensors]);
        state.putDoubles(NORM_V, new double[tensors]);
        return state;
    }

    @Override
    public void apply(StageState state, StepContext step) {
        long t = state.increment(STEP);
        if (interval > 0 && t % interval == 0) {
            step.resetMoments(false);
        }
        float[] g = step.gradient();
        ParameterTensors tensors = ParameterTensors.of(step.layout());
        double[] max = state.doubles(MAX);
        double[] normM = state.doubles(NORM_M);
        double[] normV = state.doubles(NORM_V);
        for (int k = 0; k < tensors.count(); k++) {
            adaClip(g, tensors.from(k), tensors.to(k), max, k, t);
            double norm = tensors.norm(g, k);
            normM[k] = gamma1 * normM[k] + (1 - gamma1) * norm;
            normV[k] = gamma2 * normV[k] + (1 - gamma2) * norm * norm;
            if (norm > 0) {
                double mHat = normM[k] / (1 - Math.pow(gamma1, t));
                double vHat = normV[k] / (1 - Math.pow(gamma2, t));
                tensors.scale(g, k, mHat / (Math.sqrt(vHat) + eps) / norm);
            }
        }
    }

    /** AdaClip on {@code g[from, to)}: entries above the bias-corrected running maximum are scaled down to it. */
    private void adaClip(float[] g, int from, int to, double[] max, int k, long t) {
        float largest = 0f;
        for (int i = from; i < to; i++) {
            largest = Math.max(largest, Math.abs(g[i]));
        }
        max[k] = gamma3 * max[k] + (1 - gamma3) * largest;
        double threshold = max[k] / (1 - Math.pow(gamma3, t));
        if (largest > threshold) {
            float scale = (float) (threshold / largest);
            for (int i = from; i < to; i++) {
                if (Math.abs(g[i]) > threshold) {
                    g[i] *= scale;
                }
            }
        }
    }
}
