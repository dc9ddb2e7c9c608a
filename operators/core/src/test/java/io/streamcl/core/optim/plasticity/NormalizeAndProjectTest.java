package io.streamcl.core.optim.plasticity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.streamcl.core.model.Activation;
import io.streamcl.core.model.MlpConfig;
import io.streamcl.core.optim.StageFixture;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Tests {@link NormalizeAndProject}: normalised layers go back to their initial norms, nothing else moves. */
class NormalizeAndProjectTest {

    @Test
    void projectsNormalisedWeightsAndGainsToTheirInitialNorms() {
        StageFixture f = new StageFixture(true, 1, 6);
        for (int i = 0; i < f.params.length; i++) {
            f.params[i] *= 3f;
        }
        float[] before = f.params.clone();
        NormalizeAndProject nap = new NormalizeAndProject();
        nap.apply(nap.initialState(f.model), f.context(1));
        for (int l = 0; l < 2; l++) {
            assertThat(norm(f.params, f.layout.weightOffset(l), f.layout.biasOffset(l)))
                    .isCloseTo(norm(f.initial, f.layout.weightOffset(l), f.layout.biasOffset(l)), within(1e-5));
            assertThat(norm(f.params, f.layout.gainOffset(l), f.layout.shiftOffset(l)))
                    .isCloseTo(Math.sqrt(f.layout.fanOut(l)), within(1e-5));
            // a projection only rescales: the direction is kept
            float scale = f.params[f.layout.weightOffset(l)] / before[f.layout.weightOffset(l)];
            for (int i = f.layout.weightOffset(l); i < f.layout.biasOffset(l); i++) {
                assertThat(f.params[i]).isCloseTo(scale * before[i], within(1e-6f));
            }
        }
        int output = f.layout.weightOffset(2);
        assertThat(Arrays.copyOfRange(f.params, output, f.params.length))
                .containsExactly(Arrays.copyOfRange(before, output, before.length));
        assertThat(f.params[f.layout.biasOffset(0)]).isEqualTo(before[f.layout.biasOffset(0)]);
    }

    @Test
    void rejectsModelsWithoutLayerNorm() {
        assertThatThrownBy(() -> new NormalizeAndProject().validateFor(new MlpConfig(2, new int[] {3}, 2, Activation.RELU, 1)))
                .hasMessageContaining("layer_norm=true");
    }

    private static double norm(float[] x, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += (double) x[i] * x[i];
        }
        return Math.sqrt(s);
    }
}
