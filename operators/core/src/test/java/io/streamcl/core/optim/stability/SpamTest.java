package io.streamcl.core.optim.stability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.streamcl.core.optim.PipelineHarness;
import io.streamcl.core.optim.StepSignals;
import io.streamcl.core.optim.base.Adam;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Tests {@code adam + spam} through the whole pipeline against a double-precision transcription of {@code SPAM.py}'s
 * step (momentum reset without resetting the step, spike clipping in its windows, cosine re-warm-up), through two
 * resets and injected spikes.
 */
class SpamTest {
    private static final double LR = 0.01;
    private static final double B1 = 0.9;
    private static final double B2 = 0.999;
    private static final double EPS = 1e-8;
    private static final double THETA = 5000;
    private static final int DELTA_T = 10;
    private static final int WARMUP = 4;
    private static final int DELAY = 3;

    @Test
    void matchesTheReferenceOptimizerStepByStep() {
        PipelineHarness h = new PipelineHarness("adam(lr=0.01,beta1=0.9,beta2=0.999,eps=1e-8,wd=0)"
                + "+spam(threshold=5000,interval=10,warmup=4,beta2=0.999,clip_delay=3)", false, 2);
        int n = h.parameters().length;
        double[] p = new double[n];
        for (int i = 0; i < n; i++) {
            p[i] = h.parameters()[i];
        }
        double[] m = new double[n];
        double[] v = new double[n];
        int clipped = 0;
        for (int t = 1; t <= 35; t++) {
            float[] g = h.randomGradient(70 + t, 1);
            if (t % 7 == 0) {
                for (int i = 0; i < n; i += 5) {
                    g[i] *= 200;
                    h.gradient()[i] = g[i];
                }
            }
            if (t % DELTA_T == 0) {
                Arrays.fill(m, 0);
                Arrays.fill(v, 0);
            }
            double scale = t < DELTA_T ? 1 : referenceRewarm(t % DELTA_T);
            boolean window = t >= DELAY && t % DELTA_T >= DELAY;
            for (int i = 0; i < n; i++) {
                double gi = g[i];
                if (window && gi * gi > THETA * v[i]) {
                    gi = Math.signum(gi) * Math.sqrt(THETA * v[i]);
                    clipped++;
                }
                m[i] = B1 * m[i] + (1 - B1) * gi;
                v[i] = B2 * v[i] + (1 - B2) * gi * gi;
                double stepSize = LR * Math.sqrt(1 - Math.pow(B2, t)) / (1 - Math.pow(B1, t));
                p[i] -= stepSize * scale * m[i] / (Math.sqrt(v[i]) + EPS);
            }
            h.step(t, StepSignals.NONE);
            for (int i = 0; i < n; i++) {
                assertThat((double) h.parameters()[i]).as("step %d parameter %d", t, i).isCloseTo(p[i], within(2e-5));
            }
            assertThat(h.state(Spam.NAME).floats(Spam.V)).as("the mirror is Adam's v")
                    .containsExactly(h.state(Adam.NAME).floats(Adam.V));
        }
        assertThat(clipped).as("spikes were clipped").isGreaterThan(10);
        assertThat((double) h.state(Adam.NAME).floats(Adam.BIAS1)[0]).as("resets keep the step count")
                .isCloseTo(1 - Math.pow(B1, 35), within(1e-6));
    }

    @Test
    void theReWarmUpFactorRisesFromOnePercentToOne() {
        assertThat(Spam.rewarm(0, 150)).isCloseTo(0.01, within(1e-12));
        assertThat(Spam.rewarm(75, 150)).isCloseTo(referenceRewarm(75, 150), within(1e-12));
        assertThat(Spam.rewarm(150, 150)).isEqualTo(1);
        Spam spam = new Spam(THETA, DELTA_T, WARMUP, B2, DELAY);
        assertThat(spam.learningRateScale(9, StepSignals.NONE)).as("no warm-up before the first reset").isEqualTo(1);
        assertThat(spam.learningRateScale(10, StepSignals.NONE)).isCloseTo(0.01, within(1e-12));
        assertThat(spam.learningRateScale(14, StepSignals.NONE)).isEqualTo(1);
    }

    private static double referenceRewarm(long c) {
        return referenceRewarm(c, WARMUP);
    }

    /** {@code 1 - CosineDecay(0.99, N).get_dr(c)}: CosineAnnealingLR over N + 1 steps, 0 from N on. */
    private static double referenceRewarm(long c, int warmup) {
        return c >= warmup ? 1 : 1 - (0.99 * (1 + Math.cos(Math.PI * c / (warmup + 1))) / 2);
    }
}
