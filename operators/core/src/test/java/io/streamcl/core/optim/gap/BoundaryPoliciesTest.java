package io.streamcl.core.optim.gap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.streamcl.core.optim.PipelineHarness;
import io.streamcl.core.optim.StageState;
import io.streamcl.core.optim.StepSignals;
import io.streamcl.core.optim.base.Adam;
import io.streamcl.core.optim.base.Sgd;
import io.streamcl.core.optim.stability.Spam;
import org.junit.jupiter.api.Test;

/**
 * Tests that a task boundary triggers exactly the configured policies: moments reset or re-warmed on the first
 * update after it, the learning rate re-warmed over the configured window, and nothing at all without a policy.
 */
class BoundaryPoliciesTest {
    private static final double B1 = 0.9;

    @Test
    void resetRestartsAdamAsAFreshOptimizerOnTheFirstUpdateAfterTheBoundary() {
        PipelineHarness h = run("adam(lr=0.01)+boundary_moments(mode=reset)", 5);
        float[] g = h.randomGradient(6, 1);
        h.step(6, PipelineHarness.since(0));
        StageState adam = h.state(Adam.NAME);
        for (int i = 0; i < g.length; i++) {
            assertThat(adam.floats(Adam.M)[i]).isCloseTo((float) (1 - B1) * g[i], within(1e-7f));
            assertThat((double) adam.floats(Adam.BIAS1)[i]).isCloseTo(1 - B1, within(1e-7));
        }
        h.randomGradient(7, 1);
        float[] m = adam.floats(Adam.M).clone();
        h.step(7, PipelineHarness.since(1));
        assertThat((double) adam.floats(Adam.M)[0]).as("only once").isCloseTo(B1 * m[0] + (1 - B1) * h.gradient()[0],
                within(1e-7));
    }

    @Test
    void rewarmKeepsTheStepCountsAndRampsTheLearningRateLikeSpam() {
        PipelineHarness h = run("adam(lr=0.01)+boundary_moments(mode=rewarm,warmup=3)", 5);
        float[] before = h.parameters().clone();
        float[] g = h.randomGradient(6, 1);
        h.step(6, PipelineHarness.since(0));
        StageState adam = h.state(Adam.NAME);
        double bias1 = 1 - Math.pow(B1, 6);
        double bias2 = 1 - Math.pow(0.999, 6);
        assertThat((double) adam.floats(Adam.BIAS1)[0]).isCloseTo(bias1, within(1e-6));
        for (int i = 0; i < g.length; i++) {
            double m = (1 - B1) * g[i];
            double v = 0.001 * g[i] * g[i];
            double expected = before[i] - 0.01 * 0.01 * (m / bias1) / (Math.sqrt(v / bias2) + 1e-8);
            assertThat((double) h.parameters()[i]).as("parameter %d", i).isCloseTo(expected, within(1e-6));
        }
        BoundaryMoments policy = new BoundaryMoments(BoundaryMoments.Mode.REWARM, 3);
        assertThat(policy.learningRateScale(7, PipelineHarness.since(1))).isEqualTo(Spam.rewarm(1, 3));
        assertThat(policy.learningRateScale(9, PipelineHarness.since(3))).isEqualTo(1);
        assertThat(new BoundaryMoments(BoundaryMoments.Mode.RESET, 3).learningRateScale(6, PipelineHarness.since(0)))
                .isEqualTo(1);
    }

    @Test
    void resetClearsSgdMomentum() {
        PipelineHarness h = run("sgd(lr=0.1,momentum=0.9)+boundary_moments", 3);
        float[] g = h.randomGradient(4, 1);
        h.step(4, PipelineHarness.since(0));
        assertThat(h.state(Sgd.NAME).floats(Sgd.MOMENTUM)).containsExactly(g);
    }

    @Test
    void learningRateReWarmsLinearlyFromTheFloor() {
        PipelineHarness h = run("sgd(lr=0.1)+boundary_lr(steps=4,floor=0.2)", 2);
        double[] expected = {0.2, 0.4, 0.6, 0.8, 1, 1};
        for (int since = 0; since < expected.length; since++) {
            float[] before = h.parameters().clone();
            float[] g = h.randomGradient(10 + since, 1);
            h.step(3 + since, PipelineHarness.since(since));
            for (int i = 0; i < g.length; i++) {
                assertThat((double) h.parameters()[i]).as("%d after the boundary", since)
                        .isCloseTo(before[i] - 0.1 * expected[since] * g[i], within(1e-6));
            }
        }
    }

    @Test
    void withoutAPolicyABoundaryChangesNothingAndPoliciesDoNotTouchEachOthersState() {
        PipelineHarness plain = run("adam(lr=0.01)+ema", 4);
        PipelineHarness signalled = run("adam(lr=0.01)+ema", 4);
        PipelineHarness lrOnly = run("adam(lr=0.01)+boundary_lr(steps=10)", 4);
        plain.randomGradient(5, 1);
        signalled.randomGradient(5, 1);
        float[] g = lrOnly.randomGradient(5, 1);
        float[] m = lrOnly.state(Adam.NAME).floats(Adam.M).clone();
        plain.step(5, StepSignals.NONE);
        signalled.step(5, PipelineHarness.since(0));
        lrOnly.step(5, PipelineHarness.since(0));
        assertThat(signalled.parameters()).containsExactly(plain.parameters());
        assertThat(signalled.state(Ema.NAME).floats(Ema.SHADOW)).containsExactly(plain.state(Ema.NAME).floats(Ema.SHADOW));
        assertThat((double) lrOnly.state(Adam.NAME).floats(Adam.M)[0]).as("moments kept")
                .isCloseTo(B1 * m[0] + (1 - B1) * g[0], within(1e-7));
    }

    /** A harness after {@code updates} updates without any boundary. */
    private static PipelineHarness run(String optimizer, int updates) {
        PipelineHarness h = new PipelineHarness(optimizer, false, 11);
        for (int t = 1; t <= updates; t++) {
            h.randomGradient(1000 + t, 1);
            h.step(t, StepSignals.NONE);
        }
        return h;
    }
}
