package io.streamcl.core.optim.plasticity;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamcl.core.optim.StageFixture;
import org.junit.jupiter.api.Test;

/** Tests {@link WeightClipping} against a double-precision clamp to κ times each layer's initial bound. */
class WeightClippingTest {

    @Test
    void clipsWeightsAndBiasesOfEachLayerToKappaTimesItsInitialBoundAndLeavesLayerNormAlone() {
        StageFixture f = new StageFixture(true, 1, 31);
        for (int i = 0; i < f.params.length; i++) {
            f.params[i] *= 4 * (i % 3 == 0 ? -1 : 1);
        }
        float[] before = f.params.clone();
        double kappa = 1.5;
        WeightClipping stage = new WeightClipping(kappa);
        stage.apply(stage.initialState(f.model), f.context(1));
        int clipped = 0;
        for (int l = 0; l < f.layout.layers(); l++) {
            double bound = kappa * f.model.initBound(l);
            int end = f.layout.biasOffset(l) + f.layout.fanOut(l);
            for (int i = f.layout.weightOffset(l); i < end; i++) {
                double expected = Math.max(-bound, Math.min(bound, before[i]));
                assertThat((double) f.params[i]).isEqualTo((double) (float) expected);
                clipped += expected != before[i] ? 1 : 0;
            }
            if (f.layout.normalized(l)) {
                for (int i = f.layout.gainOffset(l); i < f.layout.shiftOffset(l) + f.layout.fanOut(l); i++) {
                    assertThat(f.params[i]).isEqualTo(before[i]);
                }
            }
        }
        assertThat(clipped).as("the scenario clips something").isPositive();
    }
}
