package io.streamcl.core.optim;

import io.streamcl.core.model.Activation;
import io.streamcl.core.model.InitScheme;
import io.streamcl.core.model.Loss;
import io.streamcl.core.model.Mlp;
import io.streamcl.core.model.MlpConfig;
import io.streamcl.core.model.ParameterLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** A small model's parameters, gradient and hidden activations, from which stage tests build step contexts. */
public final class StageFixture {
    public final MlpConfig model;
    public final ParameterLayout layout;
    public final float[] params;
    public final float[] initial;
    public final float[] gradient;
    public final float[][] hidden;
    public final int rows;
    public final List<ParameterSlice> resets = new ArrayList<>();

    /** Widths 4-5-3-2, ReLU, seeded; random gradient and non-negative hidden activations for {@code rows} rows. */
    public StageFixture(boolean layerNorm, int rows, long seed) {
        this.model = new MlpConfig(4, new int[] {5, 3}, 2, Activation.RELU, layerNorm, Loss.SOFTMAX_CROSS_ENTROPY,
                InitScheme.KAIMING_UNIFORM, seed);
        this.layout = ParameterLayout.of(model);
        this.initial = Mlp.initialParameters(model);
        this.params = initial.clone();
        this.gradient = new float[layout.size()];
        this.rows = rows;
        this.hidden = new float[][] {new float[rows * 5], new float[rows * 3]};
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < params.length; i++) {
            params[i] += (float) random.nextDouble(-0.1, 0.1);
        }
        for (float[] h : hidden) {
            for (int i = 0; i < h.length; i++) {
                h[i] = (float) Math.max(0, random.nextDouble(-0.5, 1.5));
            }
        }
        randomizeGradient(random.nextLong());
    }

    /** Draws a new gradient, uniform on [-1, 1). */
    public void randomizeGradient(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < gradient.length; i++) {
            gradient[i] = (float) random.nextDouble(-1, 1);
        }
    }

    /** A context for update {@code step} that records state resets in {@link #resets}. */
    public StepContext context(long step) {
        return new StepContext(model, params, gradient, initial, hidden, rows, step, resets::add);
    }

    /** A context for update {@code step} whose state resets go to {@code stage}'s {@code state}. */
    public StepContext context(long step, StageConfig stage, StageState state) {
        return new StepContext(model, params, gradient, initial, hidden, rows, step, slice -> {
            resets.add(slice);
            stage.reset(state, slice);
        });
    }

    /** Float values as doubles. */
    public static double[] doubles(float[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }
}
