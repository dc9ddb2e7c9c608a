package io.streamcl.core.optim;

import io.streamcl.core.model.MlpConfig;
import io.streamcl.core.model.ParameterLayout;
import java.util.function.Consumer;

/**
 * What a stage sees during one update: the live parameters and gradient (both may be rewritten in place), the
 * initial parameters, the hidden activations of the forward pass that produced the gradient, the update's
 * number, the learner's {@link StepSignals}, the base step's scaled learning rate, the parameters before the base
 * step (for update transforms), and ways to clear every stage's per-parameter state for re-initialised weights or
 * every stage's running moments.
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
    private final StepSignals signals;
    private final Rates rates;
    private final float[] previousParameters;
    private final Consumer<Boolean> momentReset;

    /**
     * The base step's rates for this update: the pipeline's learning-rate factor (the product of every stage's
     * {@link StageConfig#learningRateScale}), the learning rate it gives, and the decoupled decay {@code d}.
     */
    public record Rates(double learningRateScale, double learningRate, double decoupledDecay) {
        /** Unscaled rates of a context without a base step (single-stage tests). */
        public static final Rates UNSCALED = new Rates(1, Double.NaN, 0);
    }

    /** A context without learner signals, rate schedule, previous parameters or moment resets (single-stage use). */
    public StepContext(MlpConfig model, float[] parameters, float[] gradient, float[] initialParameters,
            float[][] hiddenActivations, int rows, long step, Consumer<ParameterSlice> stateReset) {
        this(model, parameters, gradient, initialParameters, hiddenActivations, rows, step, stateReset,
                StepSignals.NONE, Rates.UNSCALED, null, keepSteps -> {});
    }

    /**
     * @param hiddenActivations per hidden layer, row-major {@code rows x width}, from the forward pass
     * @param step the 1-based number of this update
     * @param stateReset clears every stage's per-parameter state on a slice (the pipeline's fan-out)
     * @param previousParameters filled with the parameters just before the base step, or null when no stage of
     *     phase {@link Phase#UPDATE_TRANSFORM} needs them
     * @param momentReset zeroes every stage's running moments, keeping step counts if given true (the pipeline's
     *     fan-out of {@link StageConfig#resetMoments})
     */
    public StepContext(MlpConfig model, float[] parameters, float[] gradient, float[] initialParameters,
            float[][] hiddenActivations, int rows, long step, Consumer<ParameterSlice> stateReset,
            StepSignals signals, Rates rates, float[] previousParameters, Consumer<Boolean> momentReset) {
        this.model = model;
        this.layout = ParameterLayout.of(model);
        this.parameters = parameters;
        this.gradient = gradient;
        this.initialParameters = initialParameters;
        this.hiddenActivations = hiddenActivations;
        this.rows = rows;
        this.step = step;
        this.stateReset = stateReset;
        this.signals = signals;
        this.rates = rates;
        this.previousParameters = previousParameters;
        this.momentReset = momentReset;
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

    /** Zeroes every stage's running moments; bias-correction step counts continue when {@code keepStepCounts}. */
    public void resetMoments(boolean keepStepCounts) {
        momentReset.accept(keepStepCounts);
    }

    /** The learner's signals for this update: reference gradient and distance to the latest boundary. */
    public StepSignals signals() {
        return signals;
    }

    /** The A-GEM reference gradient of this update, or null when there is none (replay memory still empty). */
    public float[] referenceGradient() {
        return signals.referenceGradient();
    }

    /** The factor on the base step's configured learning rate in this update (1 without schedules). */
    public double learningRateScale() {
        return rates.learningRateScale();
    }

    /** The base step's learning rate in this update, scale included. */
    public double learningRate() {
        return rates.learningRate();
    }

    /** The base step's decoupled weight decay {@code d} in this update ({@link BaseStep#decoupledDecay}). */
    public double decoupledDecay() {
        return rates.decoupledDecay();
    }

    /** The parameters just before the base step; only for stages of phase {@link Phase#UPDATE_TRANSFORM}. */
    public float[] previousParameters() {
        if (previousParameters == null) {
            throw new IllegalStateException("previous parameters are kept only for update transforms");
        }
        return previousParameters;
    }
}
