package io.streamcl.core.optim.stability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.streamcl.core.optim.ParameterTensors;
import io.streamcl.core.optim.StageFixture;
import io.streamcl.core.optim.StageState;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Tests {@link AdaGc} step by step against a plain double reference of AdaGC's rule, state included. */
class AdaGcTest {
    private static final double REL = 1.04;
    private static final double BETA = 0.9;
    private static final int WARMUP = 3;
    private static final double ABS = 2.0;

    @Test
    void matchesTheReferenceThroughWarmUpASpikeAndTheEma() {
        AdaGc adagc = new AdaGc(REL, BETA, WARMUP, ABS);
        StageFixture f = new StageFixture(false, 2, 9);
        StageState state = adagc.initialState(f.model);
        ParameterTensors tensors = ParameterTensors.of(f.layout);
        double[] gamma = new double[tensors.count()];
        for (int t = 1; t <= 10; t++) {
            f.randomizeGradient(40 + t);
            if (t == 6) {
                for (int i = tensors.from(0); i < tensors.to(0); i++) {
                    f.gradient[i] *= 50;
                }
            }
            double[] g = StageFixture.doubles(f.gradient);
            double spikeBound = REL * gamma[0];
            reference(g, gamma, tensors, t);
            adagc.apply(state, f.context(t));
            for (int i = 0; i < g.length; i++) {
                assertThat((double) f.gradient[i]).as("step %d element %d", t, i).isCloseTo(g[i], within(1e-6));
            }
            for (int k = 0; k < gamma.length; k++) {
                assertThat(state.doubles(AdaGc.GAMMA)[k]).as("step %d gamma %d", t, k)
                        .isCloseTo(gamma[k], within(1e-6 * gamma[k]));
            }
            if (t == 6) {
                assertThat(tensors.norm(f.gradient, 0)).as("the spike is cut to rel * gamma")
                        .isCloseTo(spikeBound, within(1e-5));
            }
        }
        assertThat(state.counter(AdaGc.STEP)).isEqualTo(10);
    }

    @Test
    void aTensorWithoutGradientInWarmUpIsNotFrozenAtZero() {
        AdaGc adagc = new AdaGc(REL, BETA, 1, ABS);
        StageFixture f = new StageFixture(false, 2, 9);
        StageState state = adagc.initialState(f.model);
        ParameterTensors tensors = ParameterTensors.of(f.layout);
        Arrays.fill(f.gradient, tensors.from(1), tensors.to(1), 0f);
        adagc.apply(state, f.context(1));
        assertThat(state.doubles(AdaGc.GAMMA)[1]).isZero();
        f.randomizeGradient(3);
        double norm = tensors.norm(f.gradient, 1);
        adagc.apply(state, f.context(2));
        assertThat(tensors.norm(f.gradient, 1)).isCloseTo(norm, within(1e-9));
        assertThat(state.doubles(AdaGc.GAMMA)[1]).isCloseTo(norm, within(1e-9));
    }

    /** AdaGC's rule in double precision, tensor by tensor. */
    private static void reference(double[] g, double[] gamma, ParameterTensors tensors, int t) {
        if (t <= WARMUP) {
            double total = NormClippingTest.norm(g, 0, g.length);
            double factor = ABS / (total + 1e-6);
            if (factor < 1) {
                for (int i = 0; i < g.length; i++) {
                    g[i] *= factor;
                }
            }
            for (int k = 0; k < gamma.length; k++) {
                double norm = NormClippingTest.norm(g, tensors.from(k), tensors.to(k));
                gamma[k] = t == 1 ? norm : Math.min(gamma[k], norm);
            }
            return;
        }
        for (int k = 0; k < gamma.length; k++) {
            double norm = NormClippingTest.norm(g, tensors.from(k), tensors.to(k));
            if (norm > REL * gamma[k]) {
                for (int i = tensors.from(k); i < tensors.to(k); i++) {
                    g[i] *= REL * gamma[k] / (norm + 1e-6);
                }
                norm = REL * gamma[k];
            }
            gamma[k] = BETA * gamma[k] + (1 - BETA) * norm;
        }
    }
}
