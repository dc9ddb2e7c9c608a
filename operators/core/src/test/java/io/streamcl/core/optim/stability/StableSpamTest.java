package io.streamcl.core.optim.stability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.streamcl.core.optim.ParameterTensors;
import io.streamcl.core.optim.PipelineHarness;
import io.streamcl.core.optim.StepSignals;
import io.streamcl.core.optim.base.Adam;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Tests {@code adam + stable_spam} through the pipeline against a double reference of the intended rule
 * (the paper's rule without the reference code's quirks, see {@code docs/optimizers.md}): AdaClip and AdaGN per tensor bias-corrected by a counter no reset
 * touches, and MoRet restarting Adam's moments and step before the reset step's update.
 */
class StableSpamTest {
    private static final double G1 = 0.7;
    private static final double G2 = 0.9;
    private static final double G3 = 0.999;
    private static final int DELTA_T = 5;
    private static final double LR = 0.01;
    private static final double B1 = 0.9;
    private static final double B2 = 0.999;

    @Test
    void matchesTheIntendedRuleThroughTwoResetsAndASpikeRightAfterOne() {
        PipelineHarness h = new PipelineHarness("adam(lr=0.01)+stable_spam(interval=5)", true, 6);
        ParameterTensors tensors = ParameterTensors.of(h.model.layout());
        int n = h.parameters().length;
        int count = tensors.count();
        double[] p = new double[n];
        for (int i = 0; i < n; i++) {
            p[i] = h.parameters()[i];
        }
        double[] m = new double[n];
        double[] v = new double[n];
        int[] s = new int[n];
        double[] max = new double[count];
        double[] normM = new double[count];
        double[] normV = new double[count];
        for (int t = 1; t <= 12; t++) {
            float[] raw = h.randomGradient(90 + t, 1);
            double[] g = new double[n];
            for (int i = 0; i < n; i++) {
                if (t == 6 && i == 3) {
                    h.gradient()[i] = raw[i] = 40;
                }
                g[i] = raw[i];
            }
            if (t % DELTA_T == 0) {
                Arrays.fill(m, 0);
                Arrays.fill(v, 0);
                Arrays.fill(s, 0);
            }
            for (int k = 0; k < count; k++) {
                int from = tensors.from(k);
                int to = tensors.to(k);
                double largest = 0;
                for (int i = from; i < to; i++) {
                    largest = Math.max(largest, Math.abs(g[i]));
                }
                max[k] = G3 * max[k] + (1 - G3) * largest;
                double threshold = max[k] / (1 - Math.pow(G3, t));
                for (int i = from; i < to; i++) {
                    if (Math.abs(g[i]) > threshold) {
                        g[i] = g[i] / largest * threshold;
                    }
                }
                if (t == 6 && k == 0) {
                    // the threshold is the mean of six maxima, the spike's included: ~(5 + 40) / 6
                    assertThat(Math.abs(g[3])).as("AdaClip is on right after a reset").isCloseTo(threshold, within(1e-9))
                            .isLessThan(10);
                }
                double norm = NormClippingTest.norm(g, from, to);
                normM[k] = G1 * normM[k] + (1 - G1) * norm;
                normV[k] = G2 * normV[k] + (1 - G2) * norm * norm;
                double factor = normM[k] / (1 - Math.pow(G1, t)) / (Math.sqrt(normV[k] / (1 - Math.pow(G2, t))) + 1e-8);
                for (int i = from; i < to; i++) {
                    g[i] *= factor / norm;
                }
            }
            for (int i = 0; i < n; i++) {
                s[i]++;
                m[i] = B1 * m[i] + (1 - B1) * g[i];
                v[i] = B2 * v[i] + (1 - B2) * g[i] * g[i];
                p[i] -= LR * (m[i] / (1 - Math.pow(B1, s[i]))) / (Math.sqrt(v[i] / (1 - Math.pow(B2, s[i]))) + 1e-8);
            }
            h.step(t, StepSignals.NONE);
            for (int i = 0; i < n; i++) {
                assertThat((double) h.parameters()[i]).as("step %d parameter %d", t, i).isCloseTo(p[i], within(2e-5));
            }
            for (int k = 0; k < count; k++) {
                assertThat(h.state(StableSpam.NAME).doubles(StableSpam.NORM_M)[k]).isCloseTo(normM[k], within(1e-6));
            }
        }
        assertThat((double) h.state(Adam.NAME).floats(Adam.BIAS1)[0]).as("MoRet restarted Adam's step at 10")
                .isCloseTo(1 - Math.pow(B1, 3), within(1e-6));
        assertThat(h.state(StableSpam.NAME).counter(StableSpam.STEP)).as("its own counter never restarts").isEqualTo(12);
    }
}
