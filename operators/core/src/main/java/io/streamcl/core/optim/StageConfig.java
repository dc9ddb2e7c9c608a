package io.streamcl.core.optim;

import io.streamcl.core.model.MlpConfig;
import io.streamcl.core.spec.Spec;

/**
 * An immutable, validated configuration of one update-pipeline stage, which also holds the stage's step
 * function; everything the step changes lives in a separate {@link StageState}.
 */
public interface StageConfig {

    /** Stage specs: errors say {@code stage}, names are lower case with underscores, e.g. {@code l2_init}. */
    Spec.Kind KIND = new Spec.Kind("stage", "[a-z][a-z0-9_]*");

    /** The complete spec, every parameter included, in canonical order: the stage's stable identity. */
    Spec spec();

    /** Where in the update the stage runs. */
    Phase phase();

    /** Rejects models this stage cannot act on (e.g. Normalize-and-Project without LayerNorm). */
    default void validateFor(MlpConfig model) {}

    /** A fresh state for {@code model}, the arrays allocated and zeroed or initialised (empty by default). */
    default StageState initialState(MlpConfig model) {
        return new StageState();
    }

    /** One update: reads this config and {@code step}, mutates {@code state} and what {@code step} exposes. */
    void apply(StageState state, StepContext step);

    /** Clears the per-parameter state on {@code slice}, because those weights were just re-initialised. */
    default void reset(StageState state, ParameterSlice slice) {}

    /**
     * Zeroes the running gradient moments (momentum, Adam's m and v, and any stage's mirror of them) everywhere, for
     * a momentum reset ({@link StepContext#resetMoments}); with {@code keepStepCounts} bias-correction step counts
     * continue (SPAM), without they restart (Stable-SPAM, a fresh optimizer).
     */
    default void resetMoments(StageState state, boolean keepStepCounts) {}

    /**
     * This stage's factor on the base step's learning rate for update {@code step}, a pure function of the update
     * number and the learner's signals; the pipeline multiplies all stages' factors.
     */
    default double learningRateScale(long step, StepSignals signals) {
        return 1;
    }

    /**
     * Rows of the replay batch whose gradient this stage reads as {@link StepContext#referenceGradient()} (A-GEM), 0
     * when it reads none; the learner pays a second forward and backward pass for it.
     */
    default int referenceRows() {
        return 0;
    }

    /**
     * Whether this stage reads the learner's replay memory (A-GEM's reference batch, LPR's preconditioner rows), so
     * a learner without replay must reject it instead of running it as a no-op.
     */
    default boolean readsReplay() {
        return referenceRows() > 0;
    }
}
