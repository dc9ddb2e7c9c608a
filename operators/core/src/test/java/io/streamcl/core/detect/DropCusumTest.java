package io.streamcl.core.detect;

import static io.streamcl.core.detect.DetectorRun.concat;
import static io.streamcl.core.detect.DetectorRun.repeat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tests {@link DropCusum} on hand-computed vectors. */
class DropCusumTest {
    /** k = 1, h = 5, drop = 0.02, alpha = 0.5, beta = 0.1, delay = 2, min_instances = 5, model noise negligible. */
    private static final DropCusumConfig CONFIG = new DropCusumConfig(1, 5, 0.02, 0.5, 0.1, 2, 5, 1e-9, Watch.DOWN);

    private static List<Detection> run(DropCusumConfig config, double standardError, double[] values) {
        ChangeDetector detector = config.create();
        List<Detection> out = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            detector.update(i, values[i], standardError).ifPresent(out::add);
        }
        return out;
    }

    // Ten 0.9s: baseline b = 0.9, z = 0.9, S = 0. From index 10 the values are 0.85, se = 0.02, so sigma =
    // 0.02 sqrt(1 + 0.1 / 1.9) = 0.020520; each value enters b two evaluations later:
    //   index 10: u = 0.05 / 0.020520 = 2.4367, S = 1.4367 (onset 10, baseline 0.9); b takes index 8's 0.9
    //   index 11: S = 2.8734; b takes 0.9
    //   index 12: S = 4.3101; b takes index 10's 0.85: b = 0.895
    //   index 13: u = 0.045 / 0.020520 = 2.1930, S = 5.5031 >= 5, and b - z = 0.895 - 0.853125 >= 0.02: a drop.
    @Test
    void firesWhenTheStandardisedDropsSumPastH() {
        double[] values = concat(repeat(0.9, 10), repeat(0.85, 10));
        assertThat(run(CONFIG, 0.02, values)).containsExactly(new Detection(Direction.DOWN, 13, 10, 0.9, 0.85));
    }

    // Without the delay each 0.85 enters the baseline at once: b = 0.895, 0.8905, 0.88645, ... and S grows by
    // 1.44, 1.19, 0.97, 0.78, 0.60 to 4.98 < 5 at index 14, so the same drop is found two evaluations later, at 15.
    @Test
    void theDelayKeepsTheDropOutOfItsOwnReference() {
        DropCusumConfig undelayed = new DropCusumConfig(1, 5, 0.02, 0.5, 0.1, 0, 5, 1e-9, Watch.DOWN);
        assertThat(run(undelayed, 0.02, concat(repeat(0.9, 10), repeat(0.85, 10))))
                .extracting(Detection::step).containsExactly(15L);
    }

    // The same 5-point drop with a standard error four times larger: u = 0.61 - 1 < 0, S stays 0.
    @Test
    void theSameDropIsNoiseAtALargerStandardError() {
        assertThat(run(CONFIG, 0.08, concat(repeat(0.9, 10), repeat(0.85, 30)))).isEmpty();
    }

    // Without a standard error the model noise 0.01 stands in: u = 5 - 1 = 4 per value, S = 4 then 8: fires at 11.
    // With one of 0.02 and model noise 0.02 sigma is 0.0287: u = 0.05 / 0.0287 - 1 = 0.74 for three values, then
    // less as the baseline sinks towards 0.85; S peaks near 3.7 < 5: no detection.
    @Test
    void theModelNoiseAddsInQuadrature() {
        DropCusumConfig noisy = new DropCusumConfig(1, 5, 0.02, 0.5, 0.1, 2, 5, 0.01, Watch.DOWN);
        assertThat(run(noisy, 0.0, concat(repeat(0.9, 10), repeat(0.85, 3))))
                .extracting(Detection::step).containsExactly(11L);
        DropCusumConfig noisier = new DropCusumConfig(1, 5, 0.02, 0.5, 0.1, 2, 5, 0.02, Watch.DOWN);
        assertThat(run(noisier, 0.02, concat(repeat(0.9, 10), repeat(0.85, 20)))).isEmpty();
    }

    // The symmetric baseline (beta 0.3, delay 5) follows a learning curve closely enough that its plateau is no
    // drop, and a 6-point dip after it is one; the old slow baseline (beta 0.02) is still far below the plateau.
    @Test
    void theBaselineFollowsALearningCurveUp() {
        double[] curve = new double[80];
        for (int i = 0; i < curve.length; i++) {
            curve[i] = 0.9 - 0.8 * Math.exp(-i / 8.0);
        }
        double[] dip = concat(curve, repeat(0.84, 5));
        DropCusumConfig following = new DropCusumConfig(1, 5, 0.02, 0.3, 0.3, 5, 10, 0.01, Watch.DOWN);
        DropCusumConfig slow = new DropCusumConfig(1, 5, 0.02, 0.3, 0.02, 5, 10, 0.01, Watch.DOWN);
        assertThat(run(following, 0.01, curve)).isEmpty();
        assertThat(run(following, 0.01, dip)).hasSize(1);
        assertThat(run(slow, 0.01, dip)).isEmpty();
    }
}
