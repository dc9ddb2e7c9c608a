package io.streamcl.core.optim.stability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.streamcl.core.optim.ParameterTensors;
import io.streamcl.core.optim.PipelineHarness;
import io.streamcl.core.optim.StepSignals;
import org.junit.jupiter.api.Test;

/**
 * Tests the cautious mask on AdamW and on SGD momentum, and cautious weight decay on Adam, through the pipeline
 * against double references of C-AdamW's per-parameter path and of the cautious-decay rule.
 */
class CautiousTest {
    private static final double LR = 0.01;
    private static final double B1 = 0.9;
    private static final double B2 = 0.999;
    private static final double WD = 0.1;

    @Test
    void cautiousAdamWMatchesTheMaskedReference() {
        PipelineHarness h = new PipelineHarness("adamw(lr=0.01,wd=0.1)+cautious", true, 3);
        Reference r = new Reference(h);
        for (int t = 1; t <= 8; t++) {
            float[] g = h.randomGradient(200 + t, 1);
            for (int i = 0; i < r.p.length; i++) {
                r.m[i] = B1 * r.m[i] + (1 - B1) * g[i];
                r.v[i] = B2 * r.v[i] + (1 - B2) * g[i] * g[i];
            }
            double[] u = new double[r.p.length];
            for (int i = 0; i < u.length; i++) {
                u[i] = LR * (r.m[i] / (1 - Math.pow(B1, t))) / (Math.sqrt(r.v[i] / (1 - Math.pow(B2, t))) + 1e-8);
            }
            r.maskedStep(u, r.m, g, 1 - LR * WD);
            h.step(t, StepSignals.NONE);
            r.check(h, t);
        }
        assertThat(r.masked).as("some coordinates disagreed and were masked").isGreaterThan(0);
    }

    @Test
    void cautiousMomentumSgdMatchesTheMaskedReference() {
        PipelineHarness h = new PipelineHarness("sgd(lr=0.1,momentum=0.9)+cautious", false, 4);
        Reference r = new Reference(h);
        for (int t = 1; t <= 8; t++) {
            float[] g = h.randomGradient(300 + t, 1);
            double[] u = new double[r.p.length];
            for (int i = 0; i < u.length; i++) {
                r.m[i] = 0.9 * r.m[i] + g[i];
                u[i] = 0.1 * r.m[i];
            }
            r.maskedStep(u, r.m, g, 1);
            h.step(t, StepSignals.NONE);
            r.check(h, t);
        }
        assertThat(r.masked).isGreaterThan(0);
    }

    @Test
    void cautiousWeightDecayOnlyDecaysWhereUpdateAndWeightAgree() {
        PipelineHarness h = new PipelineHarness("adam(lr=0.01,wd=0)+cautious_wd(wd=0.1)", false, 5);
        Reference r = new Reference(h);
        int decayed = 0;
        for (int t = 1; t <= 6; t++) {
            float[] g = h.randomGradient(400 + t, 1);
            for (int i = 0; i < r.p.length; i++) {
                r.m[i] = B1 * r.m[i] + (1 - B1) * g[i];
                r.v[i] = B2 * r.v[i] + (1 - B2) * g[i] * g[i];
                double u = (r.m[i] / (1 - Math.pow(B1, t))) / (Math.sqrt(r.v[i] / (1 - Math.pow(B2, t))) + 1e-8);
                boolean agree = u * r.p[i] > 0;
                decayed += agree ? 1 : 0;
                r.p[i] -= LR * (u + (agree ? WD * r.p[i] : 0));
            }
            h.step(t, StepSignals.NONE);
            r.check(h, t);
        }
        assertThat(decayed).isPositive().isLessThan(6 * r.p.length);
    }

    /** Reference parameters and moments, and C-AdamW's masked step. */
    private static final class Reference {
        final double[] p;
        final double[] m;
        final double[] v;
        final ParameterTensors tensors;
        int masked;

        Reference(PipelineHarness h) {
            float[] params = h.parameters();
            p = new double[params.length];
            for (int i = 0; i < p.length; i++) {
                p[i] = params[i];
            }
            m = new double[p.length];
            v = new double[p.length];
            tensors = ParameterTensors.of(h.model.layout());
        }

        /** θ ← keep θ - u ⊙ φ with φ = 1[direction ⊙ g > 0] / max(mean_tensor, 1e-3). */
        void maskedStep(double[] u, double[] direction, float[] g, double keep) {
            for (int k = 0; k < tensors.count(); k++) {
                int agreeing = 0;
                for (int i = tensors.from(k); i < tensors.to(k); i++) {
                    agreeing += direction[i] * g[i] > 0 ? 1 : 0;
                }
                double scale = 1 / Math.max((double) agreeing / (tensors.to(k) - tensors.from(k)), 1e-3);
                for (int i = tensors.from(k); i < tensors.to(k); i++) {
                    boolean agree = direction[i] * g[i] > 0;
                    masked += agree ? 0 : 1;
                    p[i] = keep * p[i] - (agree ? scale * u[i] : 0);
                }
            }
        }

        void check(PipelineHarness h, int t) {
            for (int i = 0; i < p.length; i++) {
                assertThat((double) h.parameters()[i]).as("step %d parameter %d", t, i).isCloseTo(p[i], within(2e-5));
            }
        }
    }
}
