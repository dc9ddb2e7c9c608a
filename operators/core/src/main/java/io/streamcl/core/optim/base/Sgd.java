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
 * Stochastic gradient descent with heavy-ball momentum and coupled weight decay, exactly PyTorch's {@code SGD}
 * without dampening or Nesterov: {@code g' = g + wd * θ}, {@code buf = momentum * buf + g'}, {@code θ -= lr *
 * buf} (plain {@code θ -= lr * g'} without momentum). Spec {@code sgd(lr=0.01,momentum=0,wd=0)}; state {@code
 * momentum} (only with momentum), zeroed for re-initialised weights and by momentum resets. The rate is {@code lr}
 * times the pipeline's {@link StepContext#learningRateScale()}.
 */
public record Sgd(double lr, double momentum, double weightDecay) implements BaseStep {
    public static final String NAME = "sgd";
    public static final double DEFAULT_LR = 0.01;
    public static final double DEFAULT_MOMENTUM = 0.0;
    public static final double DEFAULT_WEIGHT_DECAY = 0.0;
    public static final String MOMENTUM = "momentum";

    public Sgd {
        SpecArguments.require(lr > 0 && Double.isFinite(lr), NAME, "lr", lr, "positive and finite");
        SpecArguments.require(momentum >= 0 && momentum < 1, NAME, "momentum", momentum, "in [0, 1)");
        SpecArguments.require(weightDecay >= 0 && Double.isFinite(weightDecay), NAME, "wd", weightDecay,
                "non-negative");
    }

    /** Plain SGD with learning rate {@code lr}. */
    public static Sgd plain(double lr) {
        return new Sgd(lr, DEFAULT_MOMENTUM, DEFAULT_WEIGHT_DECAY);
    }

    public static Sgd from(Spec spec) {
        SpecArguments args = new SpecArguments(spec);
        Sgd sgd = new Sgd(args.number("lr", DEFAULT_LR), args.number("momentum", DEFAULT_MOMENTUM),
                args.number("wd", DEFAULT_WEIGHT_DECAY));
        args.finish();
        return sgd;
    }

    @Override
    public Spec spec() {
        return Spec.of(NAME).with("lr", lr).with("momentum", momentum).with("wd", weightDecay);
    }

    @Override
    public StageState initialState(MlpConfig model) {
        StageState state = new StageState();
        if (momentum > 0) {
            state.putFloats(MOMENTUM, new float[ParameterLayout.of(model).size()]);
        }
        return state;
    }

    @Override
    public void apply(StageState state, StepContext step) {
        float[] p = step.parameters();
        float[] g = step.gradient();
        float rate = (float) (lr * step.learningRateScale());
        float wd = (float) weightDecay;
        if (momentum == 0) {
            for (int i = 0; i < p.length; i++) {
                p[i] -= rate * (g[i] + wd * p[i]);
            }
            return;
        }
        float mu = (float) momentum;
        float[] buf = state.floats(MOMENTUM);
        for (int i = 0; i < p.length; i++) {
            float b = Subnormals.flush(mu * buf[i] + g[i] + wd * p[i]);
            buf[i] = b;
            p[i] -= rate * b;
        }
    }

    @Override
    public void reset(StageState state, ParameterSlice slice) {
        if (momentum > 0) {
            // stale momentum would push a fresh unit along its predecessor's direction
            slice.fill(state.floats(MOMENTUM), 0f);
        }
    }

    @Override
    public void resetMoments(StageState state, boolean keepStepCounts) {
        if (momentum > 0) {
            Arrays.fill(state.floats(MOMENTUM), 0f);
        }
    }
}
