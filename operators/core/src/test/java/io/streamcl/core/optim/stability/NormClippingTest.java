package io.streamcl.core.optim.stability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.streamcl.core.model.ParameterLayout;
import io.streamcl.core.optim.ParameterTensors;
import io.streamcl.core.optim.StageFixture;
import io.streamcl.core.optim.StageState;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tests global and per-tensor norm clipping against PyTorch's {@code clip_grad_norm_} formula computed by hand. */
class NormClippingTest {

    @Test
    void globalClippingScalesTheWholeGradientByMaxOverNormPlusEps() {
        StageFixture f = new StageFixture(false, 2, 3);
        double[] g = StageFixture.doubles(f.gradient);
        double norm = norm(g, 0, g.length);
        NormClipping clip = new NormClipping(0.5, false);
        clip.apply(new StageState(), f.context(1));
        for (int i = 0; i < g.length; i++) {
            assertThat((double) f.gradient[i]).isCloseTo(g[i] * 0.5 / (norm + 1e-6), within(1e-6));
        }
        float[] before = f.gradient.clone();
        new NormClipping(100, false).apply(new StageState(), f.context(2));
        assertThat(f.gradient).as("below the threshold nothing changes").containsExactly(before);
    }

    @Test
    void perTensorClippingTreatsEveryWeightBiasGainAndShiftAlone() {
        StageFixture f = new StageFixture(true, 2, 4);
        ParameterLayout layout = f.layout;
        List<int[]> tensors = new ArrayList<>();
        for (int l = 0; l < layout.layers(); l++) {
            tensors.add(new int[] {layout.weightOffset(l), layout.biasOffset(l)});
            tensors.add(new int[] {layout.biasOffset(l), layout.biasOffset(l) + layout.fanOut(l)});
            if (layout.normalized(l)) {
                tensors.add(new int[] {layout.gainOffset(l), layout.shiftOffset(l)});
                tensors.add(new int[] {layout.shiftOffset(l), layout.shiftOffset(l) + layout.fanOut(l)});
            }
        }
        assertThat(ParameterTensors.of(layout).count()).isEqualTo(tensors.size()).isEqualTo(10);
        for (int i = 0; i < f.gradient.length; i++) {
            f.gradient[i] *= i < layout.biasOffset(0) ? 10 : 0.01f;
        }
        double[] g = StageFixture.doubles(f.gradient);
        new NormClipping(0.5, true).apply(new StageState(), f.context(1));
        for (int[] t : tensors) {
            double norm = norm(g, t[0], t[1]);
            double factor = Math.min(1, 0.5 / (norm + 1e-6));
            for (int i = t[0]; i < t[1]; i++) {
                assertThat((double) f.gradient[i]).as("element %d", i).isCloseTo(g[i] * factor, within(1e-6));
            }
        }
        assertThat(norm(StageFixture.doubles(f.gradient), 0, layout.biasOffset(0))).isCloseTo(0.5, within(1e-5));
    }

    static double norm(double[] g, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += g[i] * g[i];
        }
        return Math.sqrt(sum);
    }
}
