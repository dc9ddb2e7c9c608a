package io.streamcl.core.optim.base;

import io.streamcl.core.model.MlpConfig;
import io.streamcl.core.model.ParameterLayout;
import io.streamcl.core.model.Subnormals;
import io.streamcl.core.optim.BaseStep;
import io.streamcl.core.optim.ParameterSlice;
import io.streamcl.core.optim.StageState;
import io.streamcl.core.optim.StepContext;
import io.streamcl.core.spec.Spec;
import io.streamcl.core.spec.SpecArguments;
import java.util.Arrays;

/**
 * Adam (Kingma and Ba 2015) with coupled L2 ({@code adam}) or AdamW (Loshchilov and Hutter 2019) with decoupled
 * weight decay ({@code adamw}), in PyTorch's form, with a step count per element as in Dohare et al.'s AdamGnT
 * (Nature 2024) so that re-initialised weights restart their bias correction:
 *
 * <pre>
 *   adam: g += wd * θ          adamw: θ *= 1 - lr * wd
 *   m = β1 m + (1 - β1) g      v = β2 v + (1 - β2) g²
 *   θ -= lr * (m / (1 - β1^t)) / (sqrt(v / (1 - β2^t)) + eps)      t = this element's step count
 * </pre>
 *
 * <p>State {@code m}, {@code v}, and the step counts in the form the update needs them, {@code bias1 = 1 -
 * β1^t} and {@code bias2 = 1 - β2^t} per element, advanced by {@code a = β a + (1 - β)} (which gives exactly
 * {@code 1 - β^t} from {@code a = 0}): a reset zeroes them as AdamGnT zeroes its step tensor, and the update
 * stays one vectorisable loop with no {@code pow} or table look-up per element. In float the recursion is within
 * {@code 6e-8 / (1 - β)} of the exact value (6e-5 relative for β2 = 0.999), far below Adam's own noise. The
 * moments are flushed to zero below ~1e-37, and gradient entries are rounded to a grid of 2^-55 (~3e-17,
 * far below what eps = 1e-8 lets Adam resolve) so that their squares never become subnormal ({@link
 * Subnormals}).
 *
 * <p>Deliberate difference from the reference: AdamGnT's {@code bias_correction.sqrt().div_(...)} result is
 * discarded, so it scales the step by {@code 1 - β2^t} instead of {@code sqrt(1 - β2^t) / (1 - β1^t)}; this
 * class uses the correct Adam correction.
 *
 * <p>The rate is {@code lr} times the pipeline's {@link StepContext#learningRateScale()} (re-warm-ups after a
 * momentum reset or a task boundary); a momentum reset zeroes m and v and, unless the step counts are kept (SPAM),
 * the bias corrections too.
 */
public record Adam(double lr, double beta1, double beta2, double eps, double weightDecay, boolean decoupled)
        implements BaseStep {
    public static final String NAME = "adam";
    public static final String NAME_W = "adamw";
    public static final double DEFAULT_LR = 1e-3;
    public static final double DEFAULT_BETA1 = 0.9;
    public static final double DEFAULT_BETA2 = 0.999;
    public static final double DEFAULT_EPS = 1e-8;
    public static final double DEFAULT_WEIGHT_DECAY = 0.0;
    public static final double DEFAULT_WEIGHT_DECAY_W = 1e-2;
    public static final String M = "m";
    public static final String V = "v";
    public static final String BIAS1 = "bias1";
    public static final String BIAS2 = "bias2";

    public Adam {
        String name = decoupled ? NAME_W : NAME;
        SpecArguments.require(lr > 0 && Double.isFinite(lr), name, "lr", lr, "positive and finite");
        SpecArguments.require(beta1 >= 0 && beta1 < 1, name, "beta1", beta1, "in [0, 1)");
        SpecArguments.require(beta2 >= 0 && beta2 < 1, name, "beta2", beta2, "in [0, 1)");
        SpecArguments.require(eps > 0 && Double.isFinite(eps), name, "eps", eps, "positive and finite");
        SpecArguments.require(weightDecay >= 0 && Double.isFinite(weightDecay), name, "wd", weightDecay,
                "non-negative");
    }

    /** Adam with PyTorch's defaults and learning rate {@code lr}. */
    public static Adam withLearningRate(double lr) {
        return new Adam(lr, DEFAULT_BETA1, DEFAULT_BETA2, DEFAULT_EPS, DEFAULT_WEIGHT_DECAY, false);
    }

    public static Adam from(Spec spec, boolean decoupled) {
        SpecArguments args = new SpecArguments(spec);
        Adam adam = new Adam(args.number("lr", DEFAULT_LR), args.number("beta1", DEFAULT_BETA1),
                args.number("beta2", DEFAULT_BETA2), args.number("eps", DEFAULT_EPS),
                args.number("wd", decoupled ? DEFAULT_WEIGHT_DECAY_W : DEFAULT_WEIGHT_DECAY), decoupled);
        args.finish();
        return adam;
    }

    @Override
    public Spec spec() {
        return Spec.of(decoupled ? NAME_W : NAME).with("lr", lr).with("beta1", beta1).with("beta2", beta2)
                .with("eps", eps).with("wd", weightDecay);
    }

    @Override
    public StageState initialState(MlpConfig model) {
        int size = ParameterLayout.of(model).size();
        StageState state = new StageState();
        state.putFloats(M, new float[size]);
        state.putFloats(V, new float[size]);
        state.putFloats(BIAS1, new float[size]);
        state.putFloats(BIAS2, new float[size]);
        return state;
    }

    @Override
    public void apply(StageState state, StepContext step) {
        float[] p = step.parameters();
        float[] g = step.gradient();
        float[] m = state.floats(M);
        float[] v = state.floats(V);
        float[] a1 = state.floats(BIAS1);
        float[] a2 = state.floats(BIAS2);
        float b1 = (float) beta1;
        float b2 = (float) beta2;
        float c1 = (float) (1 - beta1);
        float c2 = (float) (1 - beta2);
        float rate = (float) (lr * step.learningRateScale());
        float epsilon = (float) eps;
        float coupled = decoupled ? 0f : (float) weightDecay;
        float shrink = (float) (1 - decoupledDecay(step.learningRateScale()));
        for (int i = 0; i < p.length; i++) {
            float gi = Subnormals.flushTiny(g[i] + coupled * p[i]);
            float mi = Subnormals.flush(b1 * m[i] + c1 * gi);
            float vi = Subnormals.flush(b2 * v[i] + c2 * gi * gi);
            float bias1 = b1 * a1[i] + c1;
            float bias2 = b2 * a2[i] + c2;
            m[i] = mi;
            v[i] = vi;
            a1[i] = bias1;
            a2[i] = bias2;
            // dividing before scaling by the rate keeps a decayed moment's step out of the subnormal range
            p[i] = shrink * p[i] - rate * ((mi / bias1) / ((float) Math.sqrt(vi / bias2) + epsilon));
        }
    }

    @Override
    public double decoupledDecay(double learningRateScale) {
        return decoupled ? lr * learningRateScale * weightDecay : 0;
    }

    @Override
    public void reset(StageState state, ParameterSlice slice) {
        for (String name : new String[] {M, V, BIAS1, BIAS2}) {
            slice.fill(state.floats(name), 0f);
        }
    }

    @Override
    public void resetMoments(StageState state, boolean keepStepCounts) {
        for (String name : keepStepCounts ? new String[] {M, V} : new String[] {M, V, BIAS1, BIAS2}) {
            Arrays.fill(state.floats(name), 0f);
        }
    }
}
