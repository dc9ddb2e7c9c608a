package io.streamcl.core.optim.gap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.streamcl.core.model.Mlp;
import io.streamcl.core.optim.PipelineHarness;
import io.streamcl.core.optim.StepSignals;
import org.junit.jupiter.api.Test;

/**
 * Tests EMA shadow weights step by step against a double reference with the momentum ramp, batch-size scaling and
 * the boundary anchor, and that training continues on the raw weights untouched.
 */
class EmaTest {

    @Test
    void followsTheReferenceAverageWithRampScalingAndAnchor() {
        String ema = "ema(momentum=0.9,start=0.5,ramp=2,batch_ref=4,anchor_steps=3,anchor_momentum=0.99)";
        PipelineHarness h = new PipelineHarness("sgd(lr=0.1)+" + ema, false, 7);
        PipelineHarness raw = new PipelineHarness("sgd(lr=0.1)", false, 7);
        double[] shadow = new double[h.parameters().length];
        float[] initial = Mlp.initialParameters(h.model.config());
        for (int i = 0; i < shadow.length; i++) {
            shadow[i] = initial[i];
        }
        for (int t = 1; t <= 9; t++) {
            h.randomGradient(500 + t, 1);
            raw.randomGradient(500 + t, 1);
            long since = t < 5 ? -1 : t - 5;
            h.step(t, PipelineHarness.since(since));
            raw.step(t, StepSignals.NONE);
            double rho = t <= 2 ? 0.5 : 0.9;
            if (since >= 0 && since < 3) {
                rho = 0.99;
            }
            rho = Math.pow(rho, PipelineHarness.ROWS / 4.0);
            for (int i = 0; i < shadow.length; i++) {
                shadow[i] = rho * shadow[i] + (1 - rho) * h.parameters()[i];
                assertThat((double) h.pipeline.shadowParameters().orElseThrow()[i]).as("step %d weight %d", t, i)
                        .isCloseTo(shadow[i], within(1e-6));
            }
            assertThat(h.parameters()).as("training runs on the raw weights").containsExactly(raw.parameters());
        }
        assertThat(raw.pipeline.shadowParameters()).isEmpty();
    }

    @Test
    void momentumScheduleIsAPureFunction() {
        Ema ema = new Ema(0.99, 0.9, 100, 32, 50, 0.999);
        assertThat(ema.momentum(1, 32, false)).isEqualTo(0.9);
        assertThat(ema.momentum(101, 32, false)).isEqualTo(0.99);
        assertThat(ema.momentum(101, 64, false)).as("twice the batch, squared momentum").isCloseTo(0.99 * 0.99,
                within(1e-15));
        assertThat(ema.momentum(101, 32, true)).isEqualTo(0.999);
    }
}
