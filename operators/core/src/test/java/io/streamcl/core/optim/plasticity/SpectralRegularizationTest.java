package io.streamcl.core.optim.plasticity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.streamcl.core.optim.StageFixture;
import io.streamcl.core.optim.StageState;
import org.junit.jupiter.api.Test;

/** Tests {@link SpectralRegularization}: the persistent power iteration and the penalty gradient by hand. */
class SpectralRegularizationTest {

    @Test
    void persistentPowerIterationFindsTheLargestSingularValue() {
        // W (3 x 2) = U diag(3, 1) V^T with orthonormal columns: singular values 3 and 1
        double c = Math.sqrt(0.5);
        float[] p = new float[6];
        double[][] u = {{c, 0}, {c, 0}, {0, 1}};
        double[][] v = {{1, 0}, {0, 1}};
        double[] s = {3, 1};
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 2; j++) {
                p[i * 2 + j] = (float) (u[i][0] * s[0] * v[j][0] + u[i][1] * s[1] * v[j][1]);
            }
        }
        float[] left = {1f, 0f, 0f};
        float[] right = {0.6f, 0.8f};
        double sigma = 0;
        for (int k = 0; k < 30; k++) {
            sigma = SpectralRegularization.powerIteration(p, 0, 3, 2, left, right);
        }
        assertThat(sigma).isCloseTo(3, within(1e-5));
        assertThat(Math.abs(right[0])).isCloseTo(1f, within(1e-4f));
    }

    @Test
    void addsTheGradientOfTheSpectralPenaltyAndPullsBiasesToInit() {
        StageFixture f = new StageFixture(true, 1, 4);
        SpectralRegularization stage = new SpectralRegularization(0.1, 2);
        StageState state = stage.initialState(f.model);
        float[] g = f.gradient.clone();
        float[] u0 = state.floats(SpectralRegularization.u(0)).clone();
        float[] v0 = state.floats(SpectralRegularization.v(0)).clone();
        stage.apply(state, f.context(1));
        // reference: one power-iteration step from the stored vectors, in double
        int in = 4;
        int out = 5;
        double[] u = new double[in];
        for (int i = 0; i < in; i++) {
            for (int j = 0; j < out; j++) {
                u[i] += f.params[i * out + j] * v0[j];
            }
        }
        normalize(u);
        double[] v = new double[out];
        for (int j = 0; j < out; j++) {
            for (int i = 0; i < in; i++) {
                v[j] += f.params[i * out + j] * u[i];
            }
        }
        double sigma = normalize(v);
        double coef = 0.1 * 2 * (sigma * sigma - 1) * 2 * sigma;
        for (int i = 0; i < in; i++) {
            for (int j = 0; j < out; j++) {
                assertThat((double) f.gradient[i * out + j]).isCloseTo(g[i * out + j] + coef * u[i] * v[j], within(1e-5));
            }
        }
        for (int i = f.layout.biasOffset(0); i < f.layout.weightOffset(1); i++) {
            assertThat(f.gradient[i]).isCloseTo(g[i] + 0.1f * (f.params[i] - f.initial[i]), within(1e-6f));
        }
        assertThat(u0).isNotEqualTo(state.floats(SpectralRegularization.u(0)));
    }

    private static double normalize(double[] x) {
        double s = 0;
        for (double value : x) {
            s += value * value;
        }
        double norm = Math.sqrt(s);
        for (int i = 0; i < x.length; i++) {
            x[i] /= norm;
        }
        return norm;
    }
}
