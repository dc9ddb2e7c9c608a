package io.streamcl.core.optim;

import io.streamcl.core.model.Mlp;
import io.streamcl.core.model.MlpConfig;

/**
 * A stage of phase {@link Phase#SHADOW} that keeps a full derived copy of the parameters (EMA
 * weights) for evaluation and prediction while training continues on the raw parameters.
 */
public interface ShadowWeights extends StageConfig {
    /** Name of the shadow parameters in the stage's state. */
    String SHADOW = "shadow";

    /** A state holding the shadow parameters, starting at θ_0. */
    @Override
    default StageState initialState(MlpConfig model) {
        StageState state = new StageState();
        state.putFloats(SHADOW, Mlp.initialParameters(model));
        return state;
    }

    /** The live shadow parameters in {@code state}, laid out like the model's (read them, never write them). */
    default float[] weights(StageState state) {
        return state.floats(SHADOW);
    }

    @Override
    default Phase phase() {
        return Phase.SHADOW;
    }
}
