package io.streamcl.core.optim;

import io.streamcl.core.model.MlpConfig;

/**
 * An immutable, validated configuration of one update-pipeline stage, which also holds the stage's step
 * function; everything the step changes lives in a separate {@link StageState} (style-anchors.md 1.4, 2.2).
 */
public interface StageConfig {

    /** The complete spec, every parameter included, in canonical order: the stage's stable identity. */
    StageSpec spec();

    /** Where in the update the stage runs. */
    Phase phase();

    /** Rejects models this stage cannot act on (e.g. Normalize-and-Project without LayerNorm). */
    default void validateFor(MlpConfig model) {}

    /** A fresh state for {@code model}, the arrays allocated and zeroed or initialised. */
    StageState initialState(MlpConfig model);

    /** One update: reads this config and {@code step}, mutates {@code state} and what {@code step} exposes. */
    void apply(StageState state, StepContext step);

    /** Clears the per-parameter state on {@code slice}, because those weights were just re-initialised. */
    default void reset(StageState state, ParameterSlice slice) {}
}
