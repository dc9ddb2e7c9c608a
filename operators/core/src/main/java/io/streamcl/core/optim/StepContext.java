package io.streamcl.core.optim;

import io.streamcl.core.model.MlpConfig;
import io.streamcl.core.model.ParameterLayout;
import java.util.function.Consumer;

/**
 * What a stage sees during one update: the live parameters and gradient (both may be rewritten in place), the
 * initial parameters, the hidden activations of the forward pass that produced the gradient, the update's
 * number, and a way to clear every stage's per-parameter state for re-initialised weights.
 */
public final class StepContext {
    private final MlpConfig model;
    private final ParameterLayout layout;
    private final float[] parameters;
    private final float[] gradient;
    private final float[] initialParameters;
    private final float[][] hiddenActivations;
    private final int rows;
    private final long step;
    private final Consumer<ParameterSlice> stateReset;

    /**
     * @param hiddenActivations per hidden layer, row-major {@code rows x width}, from the forward pass
     * @param step the 1-based number of this update
     * @param stateReset clears every stage's per-parameter state on a slice (the pipeline's fan-out)
     */
    public StepContext(MlpConfig model, float[] parameters, float[] gradient, float[] initialParameters,
            float[][] hiddenActivations, int rows, long step, Consumer<ParameterSlice> stateReset) {
        this.model = model;
        this.layout = ParameterLayout.of(model);
        this.parameters = parameters;
        this.gradient = gradient;
        this.initialParameters = initialParameters;
        this.hiddenActivations = hiddenActivations;
        this.rows = rows;
        this.step = step;
        this.stateReset = stateReset;
    }

    public MlpConfig model() {
        return model;
    }

    public ParameterLayout layout() {
        return layout;
    }

    /** The live parameters. */
    public float[] parameters() {
        return parameters;
    }

    /** The live gradient of the mean loss; gradient transforms rewrite it for the stages after them. */
    public float[] gradient() {
        return gradient;
    }

    /** θ_0, the model's seeded initial parameters (never modified). */
    public float[] initialParameters() {
        return initialParameters;
    }

    /** Activations of hidden layer {@code l} for the batch, {@code rows() x width}. */
    public float[] hiddenActivations(int l) {
        return hiddenActivations[l];
    }

    /** Rows of the batch behind the gradient and the activations. */
    public int rows() {
        return rows;
    }

    /** The 1-based number of this update. */
    public long step() {
        return step;
    }

    /** Clears every stage's per-parameter state (moments, step counts, traces) on {@code slice}. */
    public void resetState(ParameterSlice slice) {
        stateReset.accept(slice);
    }
}
