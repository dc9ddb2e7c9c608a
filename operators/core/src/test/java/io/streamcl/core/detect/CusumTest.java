package io.streamcl.core.detect;

import static io.streamcl.core.detect.DetectorRun.concat;
import static io.streamcl.core.detect.DetectorRun.repeat;
import static io.streamcl.core.detect.DetectorRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Tests {@link Cusum} on hand-computed vectors. */
class CusumTest {
    /**
     * Warm-up {2, 1, 2, 1}: mu0 = 1.5, sample variance = 4 * 0.25 / 3 = 1/3, sigma = 0.5773503, so with k = 0.5 and
     * h = 2 the slack is 0.2886751 and the limit 1.1547005.
     */
    private static final CusumConfig CONFIG = new CusumConfig(0.5, 2, 4, 0, Watch.BOTH);

    private static final double[] WARM_UP = {2, 1, 2, 1};

    // Index 3 (the last warm-up value, tested as in river): deviation -0.5, S- = 0.5 - 0.2886751 = 0.2113249.
    // From index 4 on x = 2, deviation +0.5: S- = max(0, 0.2113249 - 0.5 - 0.2886751) = 0, and S+ grows by
    // 0.2113249 per value: 0.2113249 (index 4, onset), 0.4226497, 0.6339746, 0.8452995, 1.0566243 (index 8),
    // 1.2679492 (index 9) > 1.1547005: change up at 9.
    @Test
    void upwardShiftFiresWhereTheHandComputedSumExceedsH() {
        assertThat(run(CONFIG.create(), concat(WARM_UP, repeat(2, 10))))
                .containsExactly(new Detection(Direction.UP, 9, 4, 1.5, 2));
    }

    // With x = 1 from index 3 on, S- grows by 0.2113249 from index 3: index 8 gives 1.2679492 > 1.1547005.
    @Test
    void downwardShiftFiresOnTheOtherSum() {
        assertThat(run(CONFIG.create(), concat(WARM_UP, repeat(1, 10))))
                .containsExactly(new Detection(Direction.DOWN, 8, 3, 1.5, 1));
    }

    @Test
    void watchUpIgnoresTheDownwardSum() {
        CusumConfig up = new CusumConfig(0.5, 2, 4, 0, Watch.UP);
        assertThat(run(up.create(), concat(WARM_UP, repeat(1, 10)))).isEmpty();
    }

    // Warm-up {0, 1, 2}: mu0 = 1, sample variance = 2 / 2 = 1, sigma = 1 exactly; k = 0, h = 2.
    // Index 2: S+ = 1; index 3: S+ = 2, not strictly above 2; index 4: S+ = 3 > 2. (Page-Hinkley's test is >=.)
    @Test
    void thresholdIsStrict() {
        CusumConfig strict = new CusumConfig(0, 2, 3, 0, Watch.BOTH);
        assertThat(run(strict.create(), 0, 1, 2, 2, 2)).extracting(Detection::step).containsExactly(4L);
    }

    // A constant warm-up {1, 1} has sigma = 0. River's rule then alarms on the first deviation (k sigma = h sigma =
    // 0): S+ = 0.2 > 0 at index 2; the warm-up that follows, {1.2, 1.2}, is constant again and nothing deviates.
    // sigma_floor = 0.1 gives slack 0.05 and limit 0.5: at 1.2 the sum grows 0.15 a value and passes 0.5 at the
    // fourth (0.15, 0.30, 0.45, 0.60), i.e. index 5.
    @Test
    void sigmaFloorGuardsAConstantWarmUp() {
        double[] values = concat(repeat(1, 2), repeat(1.2, 6));
        assertThat(run(new CusumConfig(0.5, 5, 2, 0, Watch.BOTH).create(), values)).extracting(Detection::step)
                .containsExactly(2L);
        assertThat(run(new CusumConfig(0.5, 5, 2, 0.1, Watch.BOTH).create(), values)).extracting(Detection::step)
                .containsExactly(5L);
    }

    @Test
    void referenceDefaultsAreThoseOfAlgorithmsMd() {
        assertThat(CusumConfig.defaults().canonical())
                .isEqualTo("cusum(k=0.5,h=5,min_instances=30,sigma_floor=0,watch=both)");
    }
}
