package io.streamcl.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * Tests the row-weighted cross-entropy of replay-mixed batches: its gradient against central finite differences
 * of the weighted loss, and uniform weights against the plain mean.
 */
class MlpRowWeightsTest {
    private static final int[] LABELS = {0, 2, 1, 2};
    private static final float[] WEIGHTS = {0.35f, 0.35f, 0.1f, 0.2f};

    @Test
    void weightedGradientMatchesFiniteDifferences() {
        MlpConfig config = new MlpConfig(5, new int[] {7, 6}, 3, Activation.TANH, true, Loss.SOFTMAX_CROSS_ENTROPY,
                InitScheme.LECUN_UNIFORM, 12);
        Mlp mlp = Mlp.initialize(config);
        MlpWorkspace ws = mlp.workspace(4, 1);
        MlpGradientCheckTest.fillInputs(ws, 4, 5, 6);
        MlpGradientCheckTest.assertGradientMatchesFiniteDifferences(mlp, ws,
                () -> mlp.lossAndGradient(ws, 4, LABELS, WEIGHTS));
    }

    @Test
    void uniformWeightsAreTheMeanAndZeroWeightsIgnoreARow() {
        Mlp mlp = Mlp.initialize(new MlpConfig(5, new int[] {8}, 3, Activation.RELU, 3));
        MlpWorkspace ws = mlp.workspace(4);
        MlpGradientCheckTest.fillInputs(ws, 4, 5, 2);
        double mean = mlp.lossAndGradient(ws, 4, LABELS);
        float[] meanGradient = ws.gradient().clone();
        double uniform = mlp.lossAndGradient(ws, 4, LABELS, new float[] {0.25f, 0.25f, 0.25f, 0.25f});
        assertThat(uniform).isCloseTo(mean, within(1e-6));
        assertThat(ws.gradient()).containsExactly(meanGradient);
        mlp.lossAndGradient(ws, 3, LABELS);
        float[] firstThree = ws.gradient().clone();
        mlp.lossAndGradient(ws, 4, LABELS, new float[] {1f / 3, 1f / 3, 1f / 3, 0f});
        for (int i = 0; i < firstThree.length; i++) {
            assertThat(ws.gradient()[i]).isCloseTo(firstThree[i], within(1e-6f));
        }
    }
}
