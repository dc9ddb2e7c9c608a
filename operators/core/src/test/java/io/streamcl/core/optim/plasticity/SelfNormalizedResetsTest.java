package io.streamcl.core.optim.plasticity;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamcl.core.optim.ParameterSlice;
import io.streamcl.core.optim.StageFixture;
import io.streamcl.core.optim.StageState;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Tests {@link SelfNormalizedResets} against a slow reference that keeps every unit's whole firing history since
 * its last reset and applies the test {@code (1 - p)^age < η} with {@code Math.pow}; and the behaviour it exists for.
 */
class SelfNormalizedResetsTest {

    @Test
    void resetsExactlyTheUnitsTheSlowReferenceRejects() {
        double eta = 0.05;
        SelfNormalizedResets stage = new SelfNormalizedResets(eta);
        StageFixture f = new StageFixture(false, 2, 51);
        StageState state = stage.initialState(f.model);
        int[] widths = {5, 3};
        List<List<Boolean>> history = new ArrayList<>();
        for (int u = 0; u < 8; u++) {
            history.add(new ArrayList<>());
        }
        SplittableRandom random = new SplittableRandom(9);
        double[] fireProbability = {0.9, 0.5, 0.05, 0.7, 0.3, 0.6, 0.2, 0.8};
        int resetsSeen = 0;
        for (int t = 1; t <= 60; t++) {
            boolean silence = t > 20; // from update 21 on, units 0 and 5 stop firing
            for (int l = 0, offset = 0; l < 2; offset += widths[l], l++) {
                for (int r = 0; r < f.rows; r++) {
                    for (int i = 0; i < widths[l]; i++) {
                        int u = offset + i;
                        boolean fire = !(silence && (u == 0 || u == 5)) && random.nextDouble() < fireProbability[u];
                        f.hidden[l][r * widths[l] + i] = fire ? (float) random.nextDouble(0.1, 1) : 0f;
                        history.get(u).add(fire);
                    }
                }
            }
            List<Integer> expected = new ArrayList<>();
            for (int l = 0, offset = 0; l < 2; offset += widths[l], l++) {
                double layerFires = 0;
                double layerInputs = 0;
                for (int i = 0; i < widths[l]; i++) {
                    layerFires += history.get(offset + i).stream().filter(b -> b).count();
                    layerInputs += history.get(offset + i).size();
                }
                for (int i = 0; i < widths[l]; i++) {
                    List<Boolean> h = history.get(offset + i);
                    int age = 0;
                    while (age < h.size() && !h.get(h.size() - 1 - age)) {
                        age++;
                    }
                    long fires = h.stream().filter(b -> b).count();
                    double p = fires > 0 ? (fires + 1.0) / (h.size() - age + 2) : layerFires / layerInputs;
                    if (Math.pow(1 - p, age) < eta) {
                        expected.add(offset + i);
                        h.clear();
                    }
                }
            }
            f.resets.clear();
            stage.apply(state, f.context(t));
            assertThat(resetUnits(f)).as("update %d", t).containsExactlyElementsOf(expected);
            resetsSeen += expected.size();
            for (int u = 0; u < 8; u++) {
                assertThat(state.doubles(SelfNormalizedResets.INPUTS)[u]).isEqualTo(history.get(u).size());
            }
        }
        assertThat(resetsSeen).as("the silenced units are reset").isGreaterThanOrEqualTo(2);
    }

    @Test
    void aUnitThatStopsFiringIsResetAfterAStreakItsRateMakesImplausibleAndABusyOneIsNot() {
        SelfNormalizedResets stage = new SelfNormalizedResets(1e-4);
        StageFixture f = new StageFixture(false, 1, 52);
        StageState state = stage.initialState(f.model);
        int dying = 1;
        int alternating = 3;
        long resetAt = -1;
        for (int t = 1; t <= 200 && resetAt < 0; t++) {
            java.util.Arrays.fill(f.hidden[0], 1f);
            java.util.Arrays.fill(f.hidden[1], 1f);
            f.hidden[0][dying] = t <= 100 ? 1f : 0f;
            f.hidden[0][alternating] = t % 2 == 0 ? 1f : 0f;
            f.resets.clear();
            stage.apply(state, f.context(t));
            assertThat(resetUnits(f)).doesNotContain(alternating);
            if (resetUnits(f).contains(dying)) {
                resetAt = t;
            }
        }
        // p = 101/102: (1 - p)^age < 1e-4 from age 2 on
        assertThat(resetAt).isEqualTo(102);
    }

    /** Units whose incoming column (stride = width, count = fan-in) was reset, as flat hidden-unit indices. */
    private static List<Integer> resetUnits(StageFixture f) {
        List<Integer> units = new ArrayList<>();
        for (ParameterSlice s : f.resets) {
            for (int l = 0, offset = 0; l < 2; offset += f.layout.fanOut(l), l++) {
                int w = f.layout.weightOffset(l);
                if (s.stride() == f.layout.fanOut(l) && s.count() == f.layout.fanIn(l) && s.offset() >= w
                        && s.offset() < w + f.layout.fanOut(l)) {
                    units.add(offset + s.offset() - w);
                }
            }
        }
        return units;
    }
}
