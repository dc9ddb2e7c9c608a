package io.streamcl.core.optim.plasticity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.streamcl.core.optim.StageFixture;
import io.streamcl.core.optim.StageState;
import io.streamcl.core.optim.StatelessRandom;
import io.streamcl.core.optim.base.Sgd;
import org.junit.jupiter.api.Test;

/** Tests {@link Redo}: τ-scores by hand, and recycling of exactly the dormant units on schedule. */
class RedoTest {

    @Test
    void scoresAreMeanAbsoluteActivationOverTheLayerMean() {
        float[] h = {0f, 1f, 3f, 0f, -1f, 1f}; // 2 rows x 3 units
        double[] s = Redo.scores(h, 2, 3);
        // unit means |h|: 0, 1, 2; layer mean 1
        assertThat(s[0]).isCloseTo(0, within(1e-9));
        assertThat(s[1]).isCloseTo(1, within(1e-6));
        assertThat(s[2]).isCloseTo(2, within(1e-6));
    }

    @Test
    void recyclesDormantUnitsEveryFUpdatesOnly() {
        StageFixture f = new StageFixture(true, 2, 12);
        for (int r = 0; r < 2; r++) {
            f.hidden[0][r * 5 + 2] = 0f;
            f.hidden[1][r * 3 + 1] = 1e-4f;
        }
        Redo redo = new Redo(0.05, 5);
        Sgd sgd = new Sgd(0.1, 0.9, 0);
        StageState sgdState = sgd.initialState(f.model);
        sgd.apply(sgdState, f.context(1));
        float[] before = f.params.clone();
        redo.apply(redo.initialState(f.model), f.context(7, sgd, sgdState));
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
