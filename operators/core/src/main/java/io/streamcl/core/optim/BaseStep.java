package io.streamcl.core.optim;

/**
 * A base step (phase {@link Phase#BASE_STEP}): turns the gradient into the parameter change
 * {@code θ ← (1 - d) θ - u}, with {@code d} its decoupled weight decay and {@code u} its update, and its learning
 * rate scaled by {@link StepContext#learningRateScale()}. Update transforms (cautious masking) recover {@code u}
 * from the change with {@link #decoupledDecay}.
 */
public interface BaseStep extends StageConfig {

    /** The configured learning rate, before any schedule. */
    double lr();

    /** {@code d} of one step whose learning rate is scaled by {@code learningRateScale}; 0 unless decoupled. */
    default double decoupledDecay(double learningRateScale) {
        return 0;
    }

    @Override
    default Phase phase() {
        return Phase.BASE_STEP;
    }
}
