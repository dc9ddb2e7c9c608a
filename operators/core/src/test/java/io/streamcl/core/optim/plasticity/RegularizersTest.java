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
    void shrinkAndPerturbShrinksAndAddsNoiseFromEachLayersInitialDistribution() {
        StageFixture f = new StageFixture(true, 1, 3);
        float[] before = f.params.clone();
        ShrinkAndPerturb stage = new ShrinkAndPerturb(0.1, 0.01, 1);
        stage.apply(stage.initialState(f.model), f.context(7));
        assertPerturbed(f, before, 0.9, 0.01, 7);
    }

    @Test
    void shrinkAndPerturbEveryKUpdatesAppliesKStepsOfShrinkAndTheirNoiseVariance() {
        StageFixture f = new StageFixture(false, 1, 4);
        float[] before = f.params.clone();
        ShrinkAndPerturb stage = new ShrinkAndPerturb(0.1, 0.01, 4);
        stage.apply(stage.initialState(f.model), f.context(6));
        assertThat(f.params).containsExactly(before);
        stage.apply(stage.initialState(f.model), f.context(8));
        assertPerturbed(f, before, Math.pow(0.9, 4), 0.01 * 2, 8);
    }

    /** {@code θ = keep θ_before + σ b_l u_i} for every parameter of every layer l. */
    private static void assertPerturbed(StageFixture f, float[] before, double keep, double sigma, long step) {
        long key = ShrinkAndPerturb.noiseKey(f.model.seed(), step);
        for (int l = 0; l < f.layout.layers(); l++) {
            int to = l + 1 < f.layout.layers() ? f.layout.weightOffset(l + 1) : f.layout.size();
            for (int i = f.layout.weightOffset(l); i < to; i++) {
                double expected = keep * before[i] + sigma * f.model.initBound(l) * StatelessRandom.uniformNoise(key, i);
                assertThat((double) f.params[i]).as("parameter %d", i).isCloseTo(expected, within(1e-6));
            }
        }
    }
}
