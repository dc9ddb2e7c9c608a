package io.streamcl.core.optim.plasticity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.streamcl.core.optim.StageFixture;
import io.streamcl.core.optim.StageState;
import io.streamcl.core.optim.StatelessRandom;
import io.streamcl.core.optim.base.Sgd;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Tests {@link Upgd} (with its weight decay) followed by plain SGD against a double-precision reference of UPGD-W (Elsayed
 * and Mahmood 2024, first-order, global max), step by step with its utility trace.
 */
class UpgdTest {

    @ParameterizedTest(name = "protect={0}")
    @ValueSource(booleans = {true, false})
    void upgdThenSgdIsUpgdW(boolean protect) {
        double beta = 0.9;
        double sigma = 0.1;
        double lr = 0.05;
        double wd = 0.01;
        Upgd upgd = new Upgd(beta, sigma, wd, protect);
        Sgd sgd = new Sgd(lr, 0, 0);
        StageFixture f = new StageFixture(false, 1, 9);
        StageState us = upgd.initialState(f.model);
        StageState ss = sgd.initialState(f.model);
        int n = f.params.length;
        double[] p = StageFixture.doubles(f.params);
        double[] trace = new double[n];
        for (int t = 1; t <= 4; t++) {
            f.randomizeGradient(40 + t);
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                trace[i] = beta * trace[i] + (1 - beta) * (-f.gradient[i] * p[i]);
                max = Math.max(max, trace[i]);
            }
            long key = Upgd.noiseKey(f.model.seed(), t);
            for (int i = 0; i < n; i++) {
                double scaled = 1 / (1 + Math.exp(-(trace[i] / (1 - Math.pow(beta, t))) / max));
                double noise = sigma * StatelessRandom.gaussian(key, i);
                double g = f.gradient[i];
                double change = protect ? (g + noise) * (1 - scaled) : g + noise * (1 - scaled);
                p[i] = (1 - lr * wd) * p[i] - lr * change;
            }
            upgd.apply(us, f.context(t));
            sgd.apply(ss, f.context(t));
            assertThat(us.counter(Upgd.STEP)).isEqualTo(t);
            for (int i = 0; i < n; i++) {
                assertThat((double) f.params[i]).as("step %d param %d", t, i).isCloseTo(p[i], within(1e-5));
                assertThat((double) us.floats(Upgd.UTILITY)[i]).isCloseTo(trace[i], within(1e-6));
            }
        }
    }
}
