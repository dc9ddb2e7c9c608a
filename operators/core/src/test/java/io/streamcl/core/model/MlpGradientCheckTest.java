package io.streamcl.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Tests {@link Mlp}'s backward pass against central finite differences of its own loss, for every option. */
class MlpGradientCheckTest {

    static Stream<Arguments> everyOption() {
        List<Arguments> all = new ArrayList<>();
        for (Activation activation : Activation.values()) {
            for (boolean layerNorm : new boolean[] {false, true}) {
                for (Loss loss : Loss.values()) {
                    for (int gemmMinRows : new int[] {1, Integer.MAX_VALUE}) {
                        InitScheme init = layerNorm ? InitScheme.LECUN_UNIFORM : InitScheme.KAIMING_UNIFORM;
                        all.add(Arguments.of(activation, layerNorm, loss, init, gemmMinRows));
                    }
                }
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} layerNorm={1} {2} {3} gemmFrom={4}")
    @MethodSource("everyOption")
    void backwardMatchesFiniteDifferences(Activation activation, boolean layerNorm, Loss loss, InitScheme init,
            int gemmMinRows) {
        MlpConfig config = new MlpConfig(5, new int[] {7, 6}, 3, activation, layerNorm, loss, init, 11);
        Mlp mlp = Mlp.initialize(config);
        perturbNormParameters(mlp);
        int rows = 3;
        MlpWorkspace ws = mlp.workspace(rows, gemmMinRows);
        fillInputs(ws, rows, config.inputs(), 3);
        int[] labels = {0, 2, 1};
        float[] targets = {0.5f, -1f, 2f, 0f, 1f, -0.5f, 1.5f, 0.3f, -2f};

        assertGradientMatchesFiniteDifferences(mlp, ws, () -> loss(mlp, ws, rows, labels, targets));
    }

    /** Checks the gradient {@code loss} leaves in {@code ws} against central differences of the loss it returns. */
    static void assertGradientMatchesFiniteDifferences(Mlp mlp, MlpWorkspace ws, DoubleSupplier loss) {
        loss.getAsDouble();
        float[] analytic = ws.gradient().clone();
        float[] params = mlp.parameters();
        float eps = 1e-2f;
        for (int i = 0; i < analytic.length; i++) {
            float original = params[i];
            params[i] = original + eps;
            double plus = loss.getAsDouble();
            params[i] = original - eps;
            double minus = loss.getAsDouble();
            params[i] = original;
            double numeric = (plus - minus) / (2 * eps);
            assertThat(analytic[i])
                    .as("d loss / d parameter %d", i)
                    .isCloseTo((float) numeric, within(3e-3f + 3e-2f * (float) Math.abs(numeric)));
        }
    }

    private static double loss(Mlp mlp, MlpWorkspace ws, int rows, int[] labels, float[] targets) {
        return mlp.config().classifies() ? mlp.lossAndGradient(ws, rows, labels) : mlp.lossAndGradient(ws, rows, targets);
    }

    /** Moves LayerNorm gains and shifts off 1 and 0 so their gradients are checked at a generic point. */
    private static void perturbNormParameters(Mlp mlp) {
        ParameterLayout layout = mlp.layout();
        SplittableRandom random = new SplittableRandom(8);
        for (int l = 0; l < layout.layers(); l++) {
            if (layout.normalized(l)) {
                for (int k = 0; k < 2 * layout.fanOut(l); k++) {
                    mlp.parameters()[layout.gainOffset(l) + k] += (float) random.nextDouble(-0.3, 0.3);
                }
            }
        }
    }

    @Test
    void gemmAndJavaKernelsAgree() {
        MlpConfig config = new MlpConfig(30, new int[] {40, 20}, 7, Activation.TANH, true, Loss.SOFTMAX_CROSS_ENTROPY,
                InitScheme.KAIMING_UNIFORM, 2);
        Mlp mlp = Mlp.initialize(config);
        int rows = 9;
        int[] labels = {0, 1, 2, 3, 4, 5, 6, 0, 1};
        MlpWorkspace java = mlp.workspace(rows, Integer.MAX_VALUE);
        MlpWorkspace gemm = mlp.workspace(rows, 1);
        fillInputs(java, rows, 30, 4);
        fillInputs(gemm, rows, 30, 4);
        double javaLoss = mlp.lossAndGradient(java, rows, labels);
        double gemmLoss = mlp.lossAndGradient(gemm, rows, labels);
        assertThat(gemmLoss).isCloseTo(javaLoss, within(1e-5));
        for (int i = 0; i < java.gradient().length; i++) {
            assertThat(gemm.gradient()[i]).as("gradient %d", i).isCloseTo(java.gradient()[i], within(1e-5f));
        }
    }

    @Test
    void probabilitiesAreADistributionAndPartialBatchesMatchFullOnes() {
        MlpConfig config = new MlpConfig(4, new int[] {8}, 3, Activation.RELU, 5);
        Mlp mlp = Mlp.initialize(config);
        MlpWorkspace full = mlp.workspace(4);
        fillInputs(full, 4, 4, 9);
        mlp.forward(full, 4);
        float[] row = new float[4];
        full.inputBuffer().get(2 * 4, row, 0, 4);
        float[] single = mlp.predict(row);
        FloatBuffer p = full.probabilityBuffer();
        for (int r = 0; r < 4; r++) {
            float sum = p.get(3 * r) + p.get(3 * r + 1) + p.get(3 * r + 2);
            assertThat(sum).isCloseTo(1f, within(1e-5f));
        }
        for (int k = 0; k < 3; k++) {
            assertThat(single[k]).isCloseTo(p.get(2 * 3 + k), within(1e-6f));
        }
    }

    @Test
    void equalSeedsGiveEqualModelsWithinTheNamedInitBounds() {
        for (InitScheme init : InitScheme.values()) {
            MlpConfig config = new MlpConfig(100, new int[] {50}, 10, Activation.RELU, true, Loss.SQUARED_ERROR, init, 42);
            float[] a = Mlp.initialParameters(config);
            assertThat(a).containsExactly(Mlp.initialParameters(config));
            ParameterLayout layout = ParameterLayout.of(config);
            double hidden = init == InitScheme.KAIMING_UNIFORM ? Math.sqrt(6.0 / 100) : Math.sqrt(3.0 / 100);
            double max = 0;
            for (int i = 0; i < layout.biasOffset(0); i++) {
                max = Math.max(max, Math.abs(a[i]));
            }
            assertThat(max).isLessThanOrEqualTo(hidden).isGreaterThan(0.95 * hidden);
            for (int i = layout.biasOffset(0); i < layout.gainOffset(0); i++) {
                assertThat(a[i]).isZero();
            }
            for (int k = 0; k < 50; k++) {
                assertThat(a[layout.gainOffset(0) + k]).isEqualTo(1f);
                assertThat(a[layout.shiftOffset(0) + k]).isZero();
            }
            assertThat(config.initBound(1)).isCloseTo(Math.sqrt(3.0 / 50), within(1e-12));
        }
    }

    @Test
    void squaredErrorIsTheMeanOverRowsAndOutputs() {
        MlpConfig config = new MlpConfig(2, new int[0], 2, Activation.RELU, false, Loss.SQUARED_ERROR,
                InitScheme.LECUN_UNIFORM, 1);
        // y = x W + b with W = [[1, 2], [3, 4]], b = [0.5, -0.5]
        Mlp mlp = Mlp.withParameters(config, new float[] {1, 2, 3, 4, 0.5f, -0.5f});
        MlpWorkspace ws = mlp.workspace(1);
        ws.inputBuffer().put(0, 1f).put(1, -1f);
        double loss = mlp.lossAndGradient(ws, 1, new float[] {0f, 0f});
        // y = [1 - 3 + 0.5, 2 - 4 - 0.5] = [-1.5, -2.5]; mean of squares = (2.25 + 6.25) / 2
        assertThat(loss).isCloseTo(4.25, within(1e-6));
        // d/db_k = 2 (y_k - t_k) / 2 = y_k
        assertThat(ws.gradient()[4]).isCloseTo(-1.5f, within(1e-6f));
        assertThat(ws.gradient()[5]).isCloseTo(-2.5f, within(1e-6f));
        assertThatThrownBy(() -> mlp.lossAndGradient(ws, 1, new int[] {0})).hasMessageContaining("SQUARED_ERROR");
    }

    static void fillInputs(MlpWorkspace ws, int rows, int inputs, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < rows * inputs; i++) {
            ws.inputBuffer().put(i, (float) random.nextDouble(-1, 1));
        }
    }
}
