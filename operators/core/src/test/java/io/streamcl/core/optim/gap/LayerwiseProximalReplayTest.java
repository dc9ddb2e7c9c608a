package io.streamcl.core.optim.gap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.streamcl.core.model.Activation;
import io.streamcl.core.model.InitScheme;
import io.streamcl.core.model.Loss;
import io.streamcl.core.model.Mlp;
import io.streamcl.core.model.MlpConfig;
import io.streamcl.core.model.MlpWorkspace;
import io.streamcl.core.model.ParameterLayout;
import io.streamcl.core.optim.ReplayInputs;
import io.streamcl.core.optim.StageState;
import io.streamcl.core.optim.StepContext;
import io.streamcl.core.optim.StepSignals;
import io.streamcl.core.spec.Spec;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LayerwiseProximalReplayTest {
    private static final int INPUTS = 6;

    private static MlpConfig model(boolean layerNorm) {
        return new MlpConfig(INPUTS, new int[] {5, 4}, 3, Activation.RELU, layerNorm, Loss.SOFTMAX_CROSS_ENTROPY,
                InitScheme.KAIMING_UNIFORM, 3);
    }

    /** A memory of {@code stored} fixed rows; a draw returns them all (in stored order) or the first {@code count}. */
    private static ReplayInputs memory(float[] stored, int inputs) {
        return (key, count, rows) -> {
            int n = Math.min(count, stored.length / inputs);
            rows.put(0, stored, 0, n * inputs);
            return n;
        };
    }

    private static float[] random(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) random.nextDouble(-1, 1);
        }
        return v;
    }

    private static StepContext context(MlpConfig config, float[] params, float[] gradient, long step,
            ReplayInputs replay) {
        return new StepContext(config, params, gradient, Mlp.initialParameters(config), new float[0][], 1, step,
                slice -> {}, new StepSignals(null, StepSignals.NO_BOUNDARY, replay), StepContext.Rates.UNSCALED,
                null, keep -> {});
    }

    @ParameterizedTest(name = "layerNorm={0}")
    @ValueSource(booleans = {false, true})
    void preconditionsEachLayerLikeANaiveInverseOfItsReplayedInputGram(boolean layerNorm) {
        MlpConfig config = model(layerNorm);
        ParameterLayout layout = ParameterLayout.of(config);
        float[] params = Mlp.initialParameters(config);
        float[] noise = random(params.length, 5);
        for (int i = 0; i < params.length; i++) {
            params[i] += 0.3f * noise[i];
        }
        int n = 9;
        float[] stored = random(n * INPUTS, 7);
        float[] gradient = random(params.length, 11);
        float[] original = gradient.clone();
        double omega = 2.5;
        LayerwiseProximalReplay lpr = new LayerwiseProximalReplay(omega, 30, 2000);
        StageState state = lpr.initialState(config);

        lpr.apply(state, context(config, params, gradient, 1, memory(stored, INPUTS)));

        double[][][] inputs = layerInputsRowByRow(config, params, stored, n);
        for (int l = 0; l < layout.layers(); l++) {
            int side = layout.fanIn(l) + 1;
            int width = layout.fanOut(l);
            double[][] p = naiveInverse(identityPlusGram(inputs[l], omega / n));
            for (int i = 0; i < side; i++) {
                for (int k = 0; k < width; k++) {
                    double expected = 0;
                    for (int j = 0; j < side; j++) {
                        expected += p[i][j] * original[layout.weightOffset(l) + j * width + k];
                    }
                    assertThat((double) gradient[layout.weightOffset(l) + i * width + k])
                            .as("layer %d, row %d, unit %d", l, i, k).isCloseTo(expected, within(1e-4));
                }
            }
            if (layerNorm && l < layout.layers() - 1) {
                int gain = layout.gainOffset(l);
                assertThat(Arrays.copyOfRange(gradient, gain, gain + 2 * width))
                        .as("LayerNorm gradient untouched").containsExactly(Arrays.copyOfRange(original, gain,
                                gain + 2 * width));
            }
        }
        assertThat(state.counter(LayerwiseProximalReplay.REFRESHED)).isEqualTo(1);
    }

    @Test
    void dampsOnlyTheDirectionTheReplayedInputsSpan() {
        MlpConfig config = model(false);
        ParameterLayout layout = ParameterLayout.of(config);
        float[] x = {1, 0, 2, 0, 0, -1};
        float[] stored = new float[3 * INPUTS];
        for (int r = 0; r < 3; r++) {
            System.arraycopy(x, 0, stored, r * INPUTS, INPUTS);
        }
        int width = layout.fanOut(0);
        float[] gradient = new float[layout.size()];
        // unit 0's incoming gradient along x~ = (x, 1), unit 1's orthogonal to it
        double norm2 = 1;
        for (int j = 0; j < INPUTS; j++) {
            gradient[j * width] = x[j];
            norm2 += x[j] * x[j];
        }
        gradient[INPUTS * width] = 1;
        gradient[1 * width + 1] = 1;
        gradient[3 * width + 1] = 1;
        float[] before = gradient.clone();
        double omega = 0.5;

        LayerwiseProximalReplay lpr = new LayerwiseProximalReplay(omega, 30, 2000);
        lpr.apply(lpr.initialState(config), context(config, Mlp.initialParameters(config), gradient, 1,
                memory(stored, INPUTS)));

        for (int j = 0; j <= INPUTS; j++) {
            assertThat((double) gradient[j * width]).as("along x~, row %d", j)
                    .isCloseTo(before[j * width] / (1 + omega * norm2), within(1e-6));
            assertThat(gradient[j * width + 1]).as("orthogonal, row %d", j).isCloseTo(before[j * width + 1],
                    within(1e-6f));
        }
    }

    @Test
    void recomputesEveryEveryUpdatesAndKeepsThePreconditionerInBetween() {
        MlpConfig config = model(false);
        float[] params = Mlp.initialParameters(config);
        float[] stored = random(5 * INPUTS, 13);
        LayerwiseProximalReplay lpr = new LayerwiseProximalReplay(1, 3, 2000);
        StageState state = lpr.initialState(config);
        String p1 = LayerwiseProximalReplay.preconditioner(1);
        float[][] seen = new float[8][];
        for (long t = 1; t <= 7; t++) {
            lpr.apply(state, context(config, params, random(params.length, t), t, memory(stored, INPUTS)));
            seen[(int) t] = state.floats(p1).clone();
            Arrays.fill(params, 0, 10, params[0] + 0.5f);
            assertThat(state.counter(LayerwiseProximalReplay.REFRESHED)).isEqualTo(t < 4 ? 1 : t < 7 ? 4 : 7);
        }
        assertThat(seen[3]).containsExactly(seen[1]);
        assertThat(seen[4]).isNotEqualTo(seen[3]);
        assertThat(seen[6]).containsExactly(seen[4]);
    }

    @Test
    void anEmptyMemoryLeavesTheGradientAloneUntilItHoldsAnExample() {
        MlpConfig config = model(false);
        float[] params = Mlp.initialParameters(config);
        LayerwiseProximalReplay lpr = LayerwiseProximalReplay.from(Spec.parse("lpr", LayerwiseProximalReplay.KIND));
        StageState state = lpr.initialState(config);
        float[] gradient = random(params.length, 3);
        float[] before = gradient.clone();

        lpr.apply(state, context(config, params, gradient, 1, ReplayInputs.NONE));
        assertThat(gradient).containsExactly(before);
        assertThat(state.counter(LayerwiseProximalReplay.REFRESHED)).isZero();

        lpr.apply(state, context(config, params, gradient, 2, memory(random(INPUTS, 4), INPUTS)));
        assertThat(gradient).isNotEqualTo(before);
        assertThat(state.counter(LayerwiseProximalReplay.REFRESHED)).isEqualTo(2);
    }

    @Test
    void drawsAtMostSampleRows() {
        MlpConfig config = model(false);
        int[] asked = new int[1];
        ReplayInputs replay = (key, count, rows) -> {
            asked[0] = count;
            assertThat(rows.capacity()).isGreaterThanOrEqualTo(count * INPUTS);
            return memory(random(50 * INPUTS, 1), INPUTS).draw(key, count, rows);
        };
        LayerwiseProximalReplay lpr = new LayerwiseProximalReplay(1, 30, 7);
        float[] params = Mlp.initialParameters(config);
        lpr.apply(lpr.initialState(config), context(config, params, new float[params.length], 1, replay));
        assertThat(asked[0]).isEqualTo(7);
    }

    @Test
    void specHasThePaperDefaultsAndRejectsBadValuesByName() {
        assertThat(LayerwiseProximalReplay.from(Spec.parse("lpr", LayerwiseProximalReplay.KIND)).spec())
                .hasToString("lpr(omega=1,every=30,sample=2000)");
        assertThatThrownBy(() -> LayerwiseProximalReplay.from(Spec.parse("lpr(omega=0)", LayerwiseProximalReplay.KIND)))
                .hasMessageContaining("omega").hasMessageContaining("0");
        assertThatThrownBy(() -> LayerwiseProximalReplay.from(Spec.parse("lpr(every=0)", LayerwiseProximalReplay.KIND)))
                .hasMessageContaining("every");
        assertThatThrownBy(() -> LayerwiseProximalReplay.from(Spec.parse("lpr(sample=0)", LayerwiseProximalReplay.KIND)))
                .hasMessageContaining("sample");
        assertThat(new LayerwiseProximalReplay(1, 30, 2000).readsReplay()).isTrue();
    }

    /** Each layer's inputs on every stored row, from one-row forward passes (the plain Java kernels). */
    private static double[][][] layerInputsRowByRow(MlpConfig config, float[] params, float[] stored, int n) {
        Mlp model = Mlp.withParameters(config, params);
        ParameterLayout layout = model.layout();
        MlpWorkspace ws = model.workspace(1);
        double[][][] inputs = new double[layout.layers()][n][];
        for (int r = 0; r < n; r++) {
            ws.inputBuffer().put(0, stored, r * INPUTS, INPUTS);
            model.forward(ws, 1);
            for (int l = 0; l < layout.layers(); l++) {
                int in = layout.fanIn(l);
                float[] a = l == 0 ? Arrays.copyOfRange(stored, r * INPUTS, (r + 1) * INPUTS)
                        : ws.hiddenActivations(l - 1);
                double[] row = new double[in + 1];
                for (int j = 0; j < in; j++) {
                    row[j] = a[j];
                }
                row[in] = 1;
                inputs[l][r] = row;
            }
        }
        return inputs;
    }

    private static double[][] identityPlusGram(double[][] z, double scale) {
        int side = z[0].length;
        double[][] m = new double[side][side];
        for (int i = 0; i < side; i++) {
            m[i][i] = 1;
            for (double[] row : z) {
                for (int j = 0; j < side; j++) {
                    m[i][j] += scale * row[i] * row[j];
                }
            }
        }
        return m;
    }

    /** Gauss-Jordan elimination with partial pivoting. */
    private static double[][] naiveInverse(double[][] a) {
        int n = a.length;
        double[][] m = new double[n][2 * n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a[i], 0, m[i], 0, n);
            m[i][n + i] = 1;
        }
        for (int c = 0; c < n; c++) {
            int pivot = c;
            for (int r = c + 1; r < n; r++) {
                pivot = Math.abs(m[r][c]) > Math.abs(m[pivot][c]) ? r : pivot;
            }
            double[] swap = m[c];
            m[c] = m[pivot];
            m[pivot] = swap;
            double d = m[c][c];
            for (int j = 0; j < 2 * n; j++) {
                m[c][j] /= d;
            }
            for (int r = 0; r < n; r++) {
                if (r != c) {
                    double f = m[r][c];
                    for (int j = 0; j < 2 * n; j++) {
                        m[r][j] -= f * m[c][j];
                    }
                }
            }
        }
        double[][] inverse = new double[n][n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(m[i], n, inverse[i], 0, n);
        }
        return inverse;
    }
}
