package io.streamcl.core.optim.base;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.streamcl.core.optim.ParameterSlice;
import io.streamcl.core.optim.StageFixture;
import io.streamcl.core.optim.StageState;
import org.junit.jupiter.api.Test;

/** Tests {@link Sgd} step by step against a plain double-precision reference, momentum state included. */
class SgdTest {

    @Test
    void matchesReferenceWithMomentumAndWeightDecay() {
        Sgd sgd = new Sgd(0.05, 0.9, 0.01);
        StageFixture f = new StageFixture(false, 2, 1);
        StageState state = sgd.initialState(f.model);
        double[] p = StageFixture.doubles(f.params);
        double[] buf = new double[p.length];
        for (int step = 1; step <= 5; step++) {
            f.randomizeGradient(step);
            for (int i = 0; i < p.length; i++) {
                double g = f.gradient[i] + 0.01 * p[i];
                buf[i] = 0.9 * buf[i] + g;
                p[i] -= 0.05 * buf[i];
            }
            sgd.apply(state, f.context(step));
            for (int i = 0; i < p.length; i++) {
                assertThat((double) f.params[i]).as("step %d param %d", step, i).isCloseTo(p[i], within(1e-5));
                assertThat((double) state.floats(Sgd.MOMENTUM)[i]).isCloseTo(buf[i], within(1e-5));
            }
        }
    }

    @Test
    void plainSgdHasNoStateAndSubtractsTheScaledGradient() {
        Sgd sgd = Sgd.plain(0.5);
        StageFixture f = new StageFixture(false, 1, 2);
        StageState state = sgd.initialState(f.model);
        assertThat(state.floatNames()).isEmpty();
        float before = f.params[3];
        sgd.apply(state, f.context(1));
        assertThat(f.params[3]).isEqualTo(before - 0.5f * f.gradient[3]);
    }

    @Test
    void resetClearsMomentumOnTheSliceOnly() {
        Sgd sgd = new Sgd(0.1, 0.5, 0);
        StageFixture f = new StageFixture(false, 1, 3);
        StageState state = sgd.initialState(f.model);
        sgd.apply(state, f.context(1));
        sgd.reset(state, new ParameterSlice(1, 3, 5));
        float[] m = state.floats(Sgd.MOMENTUM);
        assertThat(new float[] {m[1], m[6], m[11]}).containsOnly(0f);
        assertThat(m[0]).isNotZero();
        assertThat(m[2]).isNotZero();
    }
}
