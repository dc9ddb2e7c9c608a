package io.streamcl.core.optim.stability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.streamcl.core.optim.ParameterTensors;
import io.streamcl.core.optim.StageFixture;
import io.streamcl.core.optim.StageState;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Tests Fira's growth limiter on hand-computed constant gradients, tensor by tensor. */
class GrowthLimiterTest {

    @Test
    void limitsTheGrowthOfEachTensorNormAndRemembersTheLimitedNorm() {
        GrowthLimiter limiter = new GrowthLimiter(1.01);
        StageFixture f = new StageFixture(false, 2, 1);
        StageState state = limiter.initialState(f.model);
        ParameterTensors tensors = ParameterTensors.of(f.layout);
        double[] norms = state.doubles(GrowthLimiter.NORM);

        Arrays.fill(f.gradient, 1f);
        limiter.apply(state, f.context(1));
        assertThat(f.gradient).as("no reference yet").containsOnly(1f);
        for (int k = 0; k < tensors.count(); k++) {
            assertThat(norms[k]).isCloseTo(Math.sqrt(tensors.to(k) - tensors.from(k)), within(1e-12));
        }

        Arrays.fill(f.gradient, 3f);
        limiter.apply(state, f.context(2));
        for (float g : f.gradient) {
            assertThat(g).as("3x growth cut to 1.01x").isCloseTo(1.01f, within(1e-6f));
        }

        Arrays.fill(f.gradient, 0.5f);
        limiter.apply(state, f.context(3));
        assertThat(f.gradient).as("shrinking is free").containsOnly(0.5f);
        assertThat(norms[0]).isCloseTo(0.5 * Math.sqrt(tensors.to(0) - tensors.from(0)), within(1e-12));

        Arrays.fill(f.gradient, 0f);
        limiter.apply(state, f.context(4));
        Arrays.fill(f.gradient, 2f);
        limiter.apply(state, f.context(5));
        assertThat(f.gradient).as("after a zero gradient there is no reference, not a zero limit").containsOnly(2f);
    }
}
