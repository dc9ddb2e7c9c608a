package io.streamcl.core.optim.plasticity;

import io.streamcl.core.model.MlpConfig;
import io.streamcl.core.optim.Phase;
import io.streamcl.core.optim.StageConfig;

/** A stage that re-initialises hidden units after the step ({@link UnitReset}), so it needs hidden layers. */
interface UnitRecycling extends StageConfig {

    @Override
    default Phase phase() {
        return Phase.MAINTENANCE;
    }

    @Override
    default void validateFor(MlpConfig model) {
        UnitReset.requireHiddenLayers(spec().name(), model);
    }
}
