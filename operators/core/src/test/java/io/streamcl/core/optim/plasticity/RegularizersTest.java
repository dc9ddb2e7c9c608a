package io.streamcl.core.optim.plasticity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.streamcl.core.optim.StageFixture;
import io.streamcl.core.optim.StatelessRandom;
import org.junit.jupiter.api.Test;

/** Tests the stateless regularisers {@link L2Regularization} and {@link ShrinkAndPerturb} against their formulas. */
class RegularizersTest {

    @Test
    void l2AddsLambdaTimesTheParameter() {
        StageFixture f = new StageFixture(true, 1, 1);
        float[] g = f.gradient.clone();
        L2Regularization stage = new L2Regularization(0.5, false);
        stage.apply(stage.initialState(f.model), f.context(1));
        for (int i = 0; i < g.length; i++) {
            assertThat(f.gradient[i]).isEqualTo(g[i] + 0.5f * f.params[i]);
        }
    }

    @Test
    void l2InitPullsTowardsTheSeededInitialParameters() {
        StageFixture f = new StageFixture(true, 1, 2);
        float[] g = f.gradient.clone();
        L2Regularization stage = new L2Regularization(0.25, true);
        stage.apply(stage.initialState(f.model), f.context(1));
        for (int i = 0; i < g.length; i++) {
            assertThat(f.gradient[i]).isEqualTo(g[i] + 0.25f * (f.params[i] - f.initial[i]));
        }
        // at θ = θ_0 the penalty vanishes
        System.arraycopy(f.initial, 0, f.params, 0, f.params.length);
        System.arraycopy(g, 0, f.gradient, 0, g.length);
        stage.apply(stage.initialState(f.model), f.context(2));
        assertThat(f.gradient).containsExactly(g);
    }

    @Test
    void shrinkAndPerturbShrinksAndAddsKeyedGaussianNoise() {
        StageFixture f = new StageFixture(false, 1, 3);
        float[] before = f.params.clone();
        ShrinkAndPerturb stage = new ShrinkAndPerturb(0.1, 0.01);
        stage.apply(stage.initialState(f.model), f.context(7));
        long key = ShrinkAndPerturb.noiseKey(f.model.seed(), 7);
        for (int i = 0; i < before.length; i++) {
            double expected = 0.9 * before[i] + 0.01 * StatelessRandom.gaussian(key, i);
            assertThat((double) f.params[i]).isCloseTo(expected, within(1e-6));
        }
    }
}
