package io.streamcl.core.optim.plasticity;

import io.streamcl.core.model.MlpConfig;
import io.streamcl.core.model.ParameterLayout;
import io.streamcl.core.optim.Phase;
import io.streamcl.core.optim.StageConfig;
import io.streamcl.core.optim.StageState;
import io.streamcl.core.optim.StatelessRandom;
import io.streamcl.core.optim.StepContext;
import io.streamcl.core.spec.Spec;
import io.streamcl.core.spec.SpecArguments;
import java.util.Arrays;

/**
 * Spectral regularisation (Lewandowski et al., "Learning Continually by Spectral Regularization", ICLR 2025,
 * arXiv 2406.06811): keeps each layer's largest singular value near 1 by adding the gradient of {@code R = λ
 * Σ_l (σ_1(W_l)^k - 1)²}, i.e. {@code λ · 2(σ^k - 1) · k σ^(k-1) · u vᵀ}, to every weight matrix, and pulls the
 * other parameters (biases, LayerNorm gains and shifts) towards their initial values with {@code λ (θ - θ_0)}.
 * σ_1, u and v come from one power-iteration step per update on the current weights, continuing from the
 * previous update's vectors. Spec {@code spectral(lambda=1e-4,k=2)}; state {@code u<l>} (fan-in) and {@code
 * v<l>} (fan-out) per layer, seeded random unit vectors at first.
 *
 * <p>[unverified] No official code was found: the exponent k (2 here), the use of the same λ for the
 * non-matrix parameters, and the default λ are choices, not checked against the paper.
 */
public record SpectralRegularization(double lambda, int k) implements StageConfig {
    public static final String NAME = "spectral";
    public static final double DEFAULT_LAMBDA = 1e-4;
    public static final int DEFAULT_K = 2;
    private static final long TAG = 0x5352L;

    public SpectralRegularization {
        SpecArguments.require(lambda >= 0 && Double.isFinite(lambda), NAME, "lambda", lambda, "non-negative");
        SpecArguments.require(k >= 1, NAME, "k", k, "a positive integer");
    }

    public static SpectralRegularization from(Spec spec) {
        SpecArguments args = new SpecArguments(spec);
        SpectralRegularization s = new SpectralRegularization(args.number("lambda", DEFAULT_LAMBDA),
                args.integer("k", DEFAULT_K));
        args.finish();
        return s;
    }

    @Override
    public Spec spec() {
        return Spec.of(NAME).with("lambda", lambda).with("k", k);
    }

    @Override
    public Phase phase() {
        return Phase.GRADIENT_TRANSFORM;
    }

    /** Name of layer {@code l}'s left singular vector estimate (length fan-in). */
    public static String u(int l) {
        return "u" + l;
    }

    /** Name of layer {@code l}'s right singular vector estimate (length fan-out). */
    public static String v(int l) {
        return "v" + l;
    }

    @Override
    public StageState initialState(MlpConfig model) {
        ParameterLayout layout = ParameterLayout.of(model);
        StageState state = new StageState();
        for (int l = 0; l < layout.layers(); l++) {
            state.putFloats(u(l), randomUnit(layout.fanIn(l), StatelessRandom.key(model.seed(), TAG, l, 0)));
            state.putFloats(v(l), randomUnit(layout.fanOut(l), StatelessRandom.key(model.seed(), TAG, l, 1)));
        }
        return state;
    }

    private static float[] randomUnit(int n, long key) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = StatelessRandom.gaussian(key, i);
        }
        normalize(x);
        return x;
    }

    @Override
    public void apply(StageState state, StepContext step) {
        ParameterLayout layout = step.layout();
        float[] p = step.parameters();
        float[] g = step.gradient();
        for (int l = 0; l < layout.layers(); l++) {
            float[] u = state.floats(u(l));
            float[] v = state.floats(v(l));
            double sigma = powerIteration(p, layout.weightOffset(l), layout.fanIn(l), layout.fanOut(l), u, v);
            float coef = (float) (lambda * 2 * (Math.pow(sigma, k) - 1) * k * Math.pow(sigma, k - 1));
            int w = layout.weightOffset(l);
            int out = layout.fanOut(l);
            for (int i = 0; i < layout.fanIn(l); i++) {
                float a = coef * u[i];
                for (int j = 0; j < out; j++) {
                    g[w + i * out + j] += a * v[j];
                }
            }
            int end = l + 1 < layout.layers() ? layout.weightOffset(l + 1) : layout.size();
            float[] p0 = step.initialParameters();
            float lam = (float) lambda;
            for (int i = layout.biasOffset(l); i < end; i++) {
                g[i] += lam * (p[i] - p0[i]);
            }
        }
    }

    /**
     * One step on the {@code in x out} row-major matrix at {@code w}: {@code u = W v / |W v|}, {@code v = Wᵀ u /
     * |Wᵀ u|}; returns {@code σ = uᵀ W v = |Wᵀ u|}.
     */
    static double powerIteration(float[] p, int w, int in, int out, float[] u, float[] v) {
        for (int i = 0; i < in; i++) {
            double s = 0;
            for (int j = 0; j < out; j++) {
                s += p[w + i * out + j] * v[j];
            }
            u[i] = (float) s;
        }
        normalize(u);
        Arrays.fill(v, 0f);
        for (int i = 0; i < in; i++) {
            float a = u[i];
            for (int j = 0; j < out; j++) {
                v[j] += a * p[w + i * out + j];
            }
        }
        return normalize(v);
    }

    /** Scales {@code x} to unit length (leaves a zero vector alone); returns its former length. */
    private static double normalize(float[] x) {
        double s = 0;
        for (float value : x) {
            s += (double) value * value;
        }
        double norm = Math.sqrt(s);
        if (norm > 0) {
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) (x[i] / norm);
            }
        }
        return norm;
    }
}
