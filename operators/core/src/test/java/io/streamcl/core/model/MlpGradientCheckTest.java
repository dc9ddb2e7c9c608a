package io.streamcl.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.FloatBuffer;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Tests {@link Mlp}'s backward pass against central finite differences of its own loss. */
class MlpGradientCheckTest {

    @ParameterizedTest
    @EnumSource(Activation.class)
    void backwardMatchesFiniteDifferences(Activation activation) {
        MlpConfig config = new MlpConfig(5, new int[] {7, 6}, 4, activation, 11);
        Mlp mlp = Mlp.initialize(config);
        int rows = 3;
        MlpWorkspace ws = mlp.workspace(rows);
        fillInputs(ws, rows, config.inputs(), 3);
        int[] labels = {0, 3, 2};

        mlp.lossAndGradient(ws, rows, labels);
        float[] analytic = ws.gradient().toFloatVector();

        INDArray params = mlp.parameters();
        double eps = 1e-2;
        for (int i = 0; i < analytic.length; i++) {
            float original = params.getFloat(i);
            params.putScalar(i, original + eps);
            double plus = mlp.lossAndGradient(ws, rows, labels);
            params.putScalar(i, original - eps);
            double minus = mlp.lossAndGradient(ws, rows, labels);
            params.putScalar(i, original);
            double numeric = (plus - minus) / (2 * eps);
            assertThat(analytic[i])
                    .as("d loss / d parameter %d", i)
                    .isCloseTo((float) numeric, org.assertj.core.data.Offset.offset(2e-3f + 2e-2f * (float) Math.abs(numeric)));
        }
    }

    @Test
    void probabilitiesAreADistributionAndPartialBatchesMatchFullOnes() {
        MlpConfig config = new MlpConfig(4, new int[] {8}, 3, Activation.RELU, 5);
        Mlp mlp = Mlp.initialize(config);
        MlpWorkspace full = mlp.workspace(4);
        fillInputs(full, 4, 4, 9);
        mlp.forward(full, 4);
        MlpWorkspace single = mlp.workspace(1);
        for (int j = 0; j < 4; j++) {
            single.inputBuffer().put(j, full.inputBuffer().get(2 * 4 + j));
        }
        mlp.forward(single, 1);
        FloatBuffer p = full.probabilityBuffer();
        for (int r = 0; r < 4; r++) {
            float sum = p.get(3 * r) + p.get(3 * r + 1) + p.get(3 * r + 2);
            assertThat(sum).isCloseTo(1f, org.assertj.core.data.Offset.offset(1e-5f));
        }
        for (int k = 0; k < 3; k++) {
            assertThat(single.probabilityBuffer().get(k)).isCloseTo(p.get(2 * 3 + k), org.assertj.core.data.Offset.offset(1e-6f));
        }
    }

    @Test
    void equalSeedsGiveEqualModelsAndKaimingBounds() {
        MlpConfig config = new MlpConfig(100, new int[] {50}, 10, Activation.RELU, 42);
        float[] a = Mlp.initialParameters(config);
        assertThat(a).containsExactly(Mlp.initialParameters(config));
        ParameterLayout layout = new ParameterLayout(config.widths());
        float bound = (float) Math.sqrt(6.0 / 100);
        for (int i = 0; i < layout.biasOffset(0); i++) {
            assertThat(Math.abs(a[i])).isLessThanOrEqualTo(bound);
        }
        for (long i = layout.biasOffset(0); i < layout.weightOffset(1); i++) {
            assertThat(a[(int) i]).isZero();
        }
    }

    private static void fillInputs(MlpWorkspace ws, int rows, int inputs, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < rows * inputs; i++) {
            ws.inputBuffer().put(i, (float) random.nextDouble(-1, 1));
        }
    }
}
