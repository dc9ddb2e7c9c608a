package io.streamcl.core.optim.plasticity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.streamcl.core.optim.StageFixture;
import io.streamcl.core.optim.StageState;
import io.streamcl.core.optim.StatelessRandom;
import io.streamcl.core.optim.base.Sgd;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Tests {@link Redo}: the windowed activity against a double-precision slow reference, recycling of exactly the
 * dormant units on schedule, and no churn at batch 1 for a unit that is silent on one example only.
 */
class RedoTest {

    @Test
    void activityIsARunningMeanOverTheFirstWindowRowsThenAnExponentialAverage() {
        int window = 5;
        Redo redo = new Redo(0.0, 1000, window);
        StageFixture f = new StageFixture(false, 3, 21);
        StageState state = redo.initialState(f.model);
        double[][] reference = {new double[5], new double[3]};
        long seen = 0;
        SplittableRandom random = new SplittableRandom(2);
        for (int t = 1; t <= 6; t++) {
            for (float[] h : f.hidden) {
                for (int i = 0; i < h.length; i++) {
                    h[i] = random.nextInt(3) == 0 ? 0f : (float) random.nextDouble(0, 2);
                }
            }
            for (int r = 0; r < f.rows; r++) {
                seen++;
                for (int l = 0; l < 2; l++) {
                    int width = reference[l].length;
                    for (int i = 0; i < width; i++) {
                        double x = Math.abs(f.hidden[l][r * width + i]);
                        reference[l][i] = seen <= window ? reference[l][i] + (x - reference[l][i]) / seen
                                : (1 - 1.0 / window) * reference[l][i] + x / window;
                    }
                }
            }
            redo.apply(state, f.context(t));
        }
        double[] activity = state.doubles(Redo.ACTIVITY);
        for (int i = 0; i < 8; i++) {
            assertThat(activity[i]).isCloseTo(i < 5 ? reference[0][i] : reference[1][i - 5], within(1e-9));
        }
        assertThat(state.counter(Redo.ROWS)).isEqualTo(18);
    }

    @Test
    void recyclesDormantUnitsEveryFUpdatesOnly() {
        StageFixture f = new StageFixture(true, 2, 12);
        for (int r = 0; r < 2; r++) {
            f.hidden[0][r * 5 + 2] = 0f;
            f.hidden[1][r * 3 + 1] = 1e-4f;
        }
        Redo redo = new Redo(0.05, 5, 256);
        Sgd sgd = new Sgd(0.1, 0.9, 0);
        StageState sgdState = sgd.initialState(f.model);
        sgd.apply(sgdState, f.context(1));
        float[] before = f.params.clone();
        redo.apply(redo.initialState(f.model), f.context(7));
        assertThat(f.params).containsExactly(before);

        redo.apply(redo.initialState(f.model), f.context(10, sgd, sgdState));
        assertRecycled(f, before, 0, 2, 10, 1);
        assertRecycled(f, before, 1, 1, 10, -1);
        // a live unit is left alone
        assertThat(f.params[f.layout.weightOffset(0) + 1]).isEqualTo(before[f.layout.weightOffset(0) + 1]);
        assertThat(f.resets).hasSize(2 * 5);
        float[] momentum = sgdState.floats(Sgd.MOMENTUM);
        assertThat(momentum[f.layout.weightOffset(0) + 2]).isZero();
        assertThat(momentum[f.layout.weightOffset(0)]).isNotZero();
    }

    @Test
    void atBatchOneAUnitSilentOnTheLastExampleButFiringOnTheWindowIsKept() {
        StageFixture f = new StageFixture(false, 1, 13);
        Arrays.fill(f.hidden[0], 1f);
        Arrays.fill(f.hidden[1], 1f);
        Redo redo = new Redo(0.1, 10, 16);
        StageState state = redo.initialState(f.model);
        int flaky = 2;
        int dead = 4;
        for (int t = 1; t <= 10; t++) {
            f.hidden[0][flaky] = t < 10 ? 1f : 0f;
            f.hidden[0][dead] = 0f;
            float[] before = f.params.clone();
            redo.apply(state, f.context(t));
            if (t < 10) {
                assertThat(f.params).containsExactly(before);
            }
        }
        assertThat(f.resets).as("only the dead unit's slices").hasSize(3);
        assertThat(f.resets.get(0).offset()).isEqualTo(f.layout.weightOffset(0) + dead);
        // a window of one input is the single-example score: the flaky unit is recycled too (the old churn)
        StageFixture g = new StageFixture(false, 1, 13);
        g.hidden[0][flaky] = 0f;
        new Redo(0.1, 10, 1).apply(new Redo(0.1, 10, 1).initialState(g.model), g.context(10));
        assertThat(g.resets.stream().map(s -> s.offset())).contains(g.layout.weightOffset(0) + flaky);
    }

    /** {@code recycledAbove}: a recycled unit of the next layer, whose fresh incoming column crosses our outgoing row. */
    private static void assertRecycled(StageFixture f, float[] before, int l, int unit, long step, int recycledAbove) {
        int out = f.layout.fanOut(l);
        long key = Redo.reinitKey(f.model.seed(), step, l, unit);
        for (int j = 0; j < f.layout.fanIn(l); j++) {
            assertThat((double) f.params[f.layout.weightOffset(l) + j * out + unit])
                    .isCloseTo(StatelessRandom.uniform(key, j, f.model.initBound(l)), within(1e-7));
        }
        assertThat(f.params[f.layout.biasOffset(l) + unit]).isZero();
        assertThat(f.params[f.layout.gainOffset(l) + unit]).isEqualTo(1f);
        assertThat(f.params[f.layout.shiftOffset(l) + unit]).isZero();
        int nextOut = f.layout.fanOut(l + 1);
        for (int k = 0; k < nextOut; k++) {
            if (k != recycledAbove) {
                assertThat(f.params[f.layout.weightOffset(l + 1) + unit * nextOut + k]).isZero();
                // no bias compensation in ReDo
                assertThat(f.params[f.layout.biasOffset(l + 1) + k]).isEqualTo(before[f.layout.biasOffset(l + 1) + k]);
            }
        }
    }
}
