package io.streamcl.core.detect;

import static io.streamcl.core.detect.DetectorRun.concat;
import static io.streamcl.core.detect.DetectorRun.repeat;
import static io.streamcl.core.detect.DetectorRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Tests {@link Adwin} on a hand-computed vector. */
class AdwinTest {
    /**
     * delta = 0.5, a test after every value, at most 10 buckets a row (so every bucket holds one value here), cuts
     * with at least one value a side, no grace period.
     */
    private static final AdwinConfig CONFIG = new AdwinConfig(0.5, 1, 10, 1, 0, Watch.BOTH);

    // Six 0s, then 10. While all values are 0 the variance is 0 and every mean difference is 0: no cut.
    // At |W| = 7 (index 6): var(W) = (6 (10/7)^2 + (60/7)^2) / 7 = 12.2449, delta' = ln(2 ln 7 / 0.5) = 2.052024,
    // and with min_window = 1, 1/m = 1/n0 + 1/n1. Cuts, oldest first:
    //   (1|6): |0 - 1.6667| vs eps = sqrt(2 * 1.16667 * 12.2449 * 2.052024) + (2/3) * 2.052024 * 1.16667 = 9.25299
    //   (2|5): 2 vs 6.88868;  (3|4): 2.5 vs 6.21231;  (4|3): 3.3333 vs 6.21231;  (5|2): 5 vs 6.88868
    //   (6|1): 10 vs 9.25299: cut. Change up, baseline mean(W0) = 0, onset = first step of W1 = 6.
    // The oldest 0 is dropped; at |W| = 6: var = 13.88889, delta' = 1.969492, (5|1): 10 vs 9.67805: cut again.
    // At |W| = 5: var = 16, delta' = 1.862179, (4|1): 10 vs 10.18241, (1|4): 2.5 vs 10.18241, (2|3) and (3|2):
    // 3.3333 and 5 vs 8.0814: no cut. The window keeps 5 values.
    @Test
    void cutsWhereTheHandComputedBoundIsExceeded() {
        Adwin adwin = CONFIG.create();
        assertThat(run(adwin, concat(repeat(0, 6), new double[] {10})))
                .containsExactly(new Detection(Direction.UP, 6, 6, 0.0, 10));
        assertThat(adwin.width()).isEqualTo(5);
    }

    @Test
    void aDropIsReportedDownWithTheOldMeanAsBaseline() {
        assertThat(run(CONFIG.create(), concat(repeat(10, 6), new double[] {0})))
                .containsExactly(new Detection(Direction.DOWN, 6, 6, 10.0, 0));
    }

    @Test
    void unwatchedShiftsShrinkTheWindowWithoutAReport() {
        Adwin adwin = new AdwinConfig(0.5, 1, 10, 1, 0, Watch.DOWN).create();
        assertThat(run(adwin, concat(repeat(0, 6), new double[] {10}))).isEmpty();
        assertThat(adwin.width()).isEqualTo(5);
    }

    @Test
    void testsOnlyOnTheClockAndAfterTheGracePeriod() {
        // clock = 4: only the 4th and 8th values are tested. At the 4th all values are 0. At the 8th (index 7),
        // W = six 0s and two 10s: var = 18.75, delta' = ln(2 ln 8 / 0.5) = 2.118394; cuts (1|7) 2.857 vs 11.142,
        // (2|6) 3.333 vs 8.219, (3|5) 4 vs 7.262, (4|4) 5 vs 7.009, (5|3) 6.667 vs 7.262, (6|2) 10 vs 8.219: cut,
        // onset 6. With grace_period = 7 the 7-value window of the first test is not tested at all.
        Adwin clocked = new AdwinConfig(0.5, 4, 10, 1, 0, Watch.BOTH).create();
        assertThat(run(clocked, concat(repeat(0, 6), new double[] {10, 10})))
                .containsExactly(new Detection(Direction.UP, 7, 6, 0.0, 10));
        Adwin graced = new AdwinConfig(0.5, 1, 10, 1, 7, Watch.BOTH).create();
        assertThat(run(graced, concat(repeat(0, 6), new double[] {10}))).isEmpty();
    }

    @Test
    void referenceDefaultsAreThoseOfAlgorithmsMd() {
        assertThat(AdwinConfig.defaults().canonical())
                .isEqualTo("adwin(delta=0.002,clock=32,max_buckets=5,min_window=5,grace_period=10,watch=both)");
    }
}
