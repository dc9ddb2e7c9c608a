package io.streamcl.core.optim;

/**
 * A stage of phase {@link Phase#SHADOW} that keeps a full derived copy of the parameters (EMA
 * weights) for evaluation and prediction while training continues on the raw parameters.
 */
public interface ShadowWeights extends StageConfig {

    /** The live shadow parameters in {@code state}, laid out like the model's (read them, never write them). */
    float[] weights(StageState state);

    @Override
    default Phase phase() {
        return Phase.SHADOW;
    }
}
