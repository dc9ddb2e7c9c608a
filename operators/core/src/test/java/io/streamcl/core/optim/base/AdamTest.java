package io.streamcl.core.optim.base;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.streamcl.core.optim.ParameterSlice;
import io.streamcl.core.optim.StageFixture;
import io.streamcl.core.optim.StageState;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Tests {@link Adam} and AdamW step by step against a plain double-precision reference with an integer step count
 * per element and {@code pow} bias corrections, through a mid-run reset of some elements.
 */
class AdamTest {

    @ParameterizedTest(name = "decoupled={0}")
    @ValueSource(booleans = {false, true})
    void matchesPerElementStepReferenceThroughAReset(boolean decoupled) {
        double lr = 0.01;
        double b1 = 0.9;
        double b2 = 0.99;
        double eps = 1e-8;
        double wd = 0.1;
        Adam adam = new Adam(lr, b1, b2, eps, wd, decoupled);
        StageFixture f = new StageFixture(false, 2, 5);
        StageState state = adam.initialState(f.model);
        int n = f.params.length;
        double[] p = StageFixture.doubles(f.params);
        double[] m = new double[n];
        double[] v = new double[n];
        int[] t = new int[n];
        ParameterSlice reset = new ParameterSlice(2, 4, 5);
        for (int step = 1; step <= 8; step++) {
            if (step == 4) {
                adam.reset(state, reset);
                for (int k = 0; k < reset.count(); k++) {
                    int i = reset.index(k);
                    m[i] = 0;
                    v[i] = 0;
                    t[i] = 0;
                }
            }
            f.randomizeGradient(100 + step);
            for (int i = 0; i < n; i++) {
                t[i]++;
                double g = f.gradient[i] + (decoupled ? 0 : wd * p[i]);
                if (decoupled) {
                    p[i] *= 1 - lr * wd;
                }
                m[i] = b1 * m[i] + (1 - b1) * g;
                v[i] = b2 * v[i] + (1 - b2) * g * g;
                double mHat = m[i] / (1 - Math.pow(b1, t[i]));
                double vHat = v[i] / (1 - Math.pow(b2, t[i]));
                p[i] -= lr * mHat / (Math.sqrt(vHat) + eps);
            }
            adam.apply(state, f.context(step));
            for (int i = 0; i < n; i++) {
                assertThat((double) f.params[i]).as("step %d param %d", step, i).isCloseTo(p[i], within(2e-5));
                assertThat((double) state.floats(Adam.M)[i]).isCloseTo(m[i], within(1e-5));
                assertThat((double) state.floats(Adam.V)[i]).isCloseTo(v[i], within(1e-5));
                assertThat((double) state.floats(Adam.BIAS1)[i]).isCloseTo(1 - Math.pow(b1, t[i]), within(1e-6));
                assertThat((double) state.floats(Adam.BIAS2)[i]).isCloseTo(1 - Math.pow(b2, t[i]), within(1e-6));
            }
        }
        assertThat(t[reset.index(0)]).isEqualTo(5);
        assertThat(t[0]).isEqualTo(8);
    }
}
