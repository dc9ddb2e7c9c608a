package io.streamcl.core.detect;

import static io.streamcl.core.detect.DetectorRun.concat;
import static io.streamcl.core.detect.DetectorRun.negate;
import static io.streamcl.core.detect.DetectorRun.repeat;
import static io.streamcl.core.detect.DetectorRun.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Tests {@link PageHinkley} on hand-computed vectors (no published RNG-free vector exists for it). */
class PageHinkleyTest {
    /** Four 1s then 1.5s; delta = 0.1, lambda = 1, alpha = 1. */
    private static final double[] STEP_UP = concat(repeat(1, 4), repeat(1.5, 7));

    // With m_n the running mean and S_n = max(0, S_{n-1} + x_n - m_n - 0.1):
    //   index 0..3: x = 1, m = 1, S = max(0, -0.1) = 0
    //   index 4: m = 1 + 0.5/5 = 1.1,              S = 1.5 - 1.1 - 0.1 = 0.3        (excursion starts: onset 4)
    //   index 5: m = 1.1 + 0.4/6 = 1.1666667,      S = 0.3 + 0.2333333 = 0.5333333
    //   index 6: m = 1.1666667 + 0.3333333/7 = 1.2142857, S = 0.5333333 + 0.1857143 = 0.7190476
    //   index 7: m = 1.25,                         S = 0.7190476 + 0.15 = 0.8690476
    //   index 8: m = 1.2777778,                    S = 0.8690476 + 0.1222222 = 0.9912698  (< 1)
    //   index 9: m = 1.3,                          S = 0.9912698 + 0.1 = 1.0912698 >= 1: change
    @Test
    void firesWhereTheHandComputedSumReachesLambda() {
        PageHinkleyConfig config = new PageHinkleyConfig(0.1, 1, 1, 3, Watch.UP);
        List<Detection> detections = run(config.create(), STEP_UP);
        assertThat(detections).containsExactly(new Detection(Direction.UP, 9, 4, 1.0, 1.5));
    }

    @Test
    void watchDownFiresOnTheMirroredStreamWithTheMirroredBaseline() {
        PageHinkleyConfig config = new PageHinkleyConfig(0.1, 1, 1, 3, Watch.DOWN);
        assertThat(run(config.create(), negate(STEP_UP))).containsExactly(new Detection(Direction.DOWN, 9, 4, -1.0, -1.5));
        assertThat(run(new PageHinkleyConfig(0.1, 1, 1, 3, Watch.UP).create(), negate(STEP_UP))).isEmpty();
    }

    // min_instances = 11 holds the alarm back at index 9 (n = 10); at index 10, n = 11:
    //   m = 1.3 + 0.2/11 = 1.3181818, S = 1.0912698 + 1.5 - 1.3181818 - 0.1 = 1.1730880 >= 1.
    @Test
    void noAlarmBeforeMinInstancesValues() {
        PageHinkleyConfig config = new PageHinkleyConfig(0.1, 1, 1, 11, Watch.UP);
        assertThat(run(config.create(), STEP_UP)).extracting(Detection::step).containsExactly(10L);
    }

    // alpha = 0.5 fades the sum: index 4: S = 0.3; 5: 0.15 + 0.2333333 = 0.3833333; 6: 0.1916667 + 0.1857143 =
    // 0.3773810; 7: 0.1886905 + 0.15 = 0.3386905; the increments shrink towards 0.1, so S stays below 0.4 < 1.
    @Test
    void fadingKeepsASmallPersistentShiftBelowLambda() {
        PageHinkleyConfig config = new PageHinkleyConfig(0.1, 1, 0.5, 3, Watch.UP);
        assertThat(run(config.create(), concat(STEP_UP, repeat(1.5, 100)))).isEmpty();
    }

    @Test
    void startsAfreshAfterAChange() {
        PageHinkleyConfig config = new PageHinkleyConfig(0.1, 1, 1, 3, Watch.UP);
        // Indices 0..9 are STEP_UP's first ten values: change at 9, then a reset. Indices 10..19 repeat that block
        // shifted by -1, and the test is shift-invariant: change at 19, onset 14, baseline 0 (the mean before it).
        double[] twice = concat(repeat(1, 4), repeat(1.5, 6), repeat(0, 4), repeat(0.5, 6));
        assertThat(run(config.create(), twice)).containsExactly(new Detection(Direction.UP, 9, 4, 1.0, 1.5),
                new Detection(Direction.UP, 19, 14, 0.0, 0.5));
    }

    @Test
    void referenceDefaultsAreThoseOfAlgorithmsMd() {
        assertThat(PageHinkleyConfig.defaults().canonical())
                .isEqualTo("page-hinkley(delta=0.005,lambda=50,alpha=0.9999,min_instances=30,watch=up)");
    }

    @Test
    void rejectsNonFiniteValuesNamingTheDetector() {
        assertThatThrownBy(() -> PageHinkleyConfig.defaults().create().update(7, Double.NaN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("page-hinkley(").hasMessageContaining("NaN at step 7");
    }
}
