package io.streamcl.core.detect;

import static io.streamcl.core.detect.DetectorRun.concat;
import static io.streamcl.core.detect.DetectorRun.repeat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tests {@link DropCusum} on hand-computed vectors. */
class DropCusumTest {
    /** k = 1, h = 5, drop = 0.02, alpha = 0.5, beta = follow = 0.1, min_instances = 5, model noise negligible. */
    private static final DropCusumConfig CONFIG = new DropCusumConfig(1, 5, 0.02, 0.5, 0.1, 0.1, 5, 1e-9, Watch.DOWN);

    private static List<Detection> run(DropCusumConfig config, double standardError, double[] values) {
        ChangeDetector detector = config.create();
        List<Detection> out = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            detector.update(i, values[i], standardError).ifPresent(out::add);
        }
        return out;
    }

    // Ten 0.9s: baseline b = 0.9, z = 0.9, S = 0. From index 10 the values are 0.85, se = 0.02:
    //   index 10: u = (0.9 - 0.85) / 0.02 = 2.5, S = 1.5 (onset 10, baseline 0.9); z = 0.875; b = 0.9 - 0.1 * 0.05 = 0.895
    //   index 11: u = (0.895 - 0.85) / 0.02 = 2.25, S = 2.75; z = 0.8625; b = 0.8905
    //   index 12: u = 2.025, S = 3.775; z = 0.85625; b = 0.88645
    //   index 13: u = 1.8225, S = 4.5975; z = 0.853125; b = 0.882805
    //   index 14: u = 1.64025, S = 5.23775 >= 5, and b - z = 0.882805 - 0.8515625 >= 0.02: a drop.
    @Test
    void firesWhenTheStandardisedDropsSumPastH() {
        double[] values = concat(repeat(0.9, 10), repeat(0.85, 10));
        assertThat(run(CONFIG, 0.02, values)).containsExactly(new Detection(Direction.DOWN, 14, 10, 0.9, 0.85));
    }

    // The same 5-point drop with a standard error four times larger: u = 0.625 - 1 < 0, S stays 0.
    @Test
    void theSameDropIsNoiseAtALargerStandardError() {
        assertThat(run(CONFIG, 0.08, concat(repeat(0.9, 10), repeat(0.85, 30)))).isEmpty();
    }

    // Without a standard error the model noise 0.01 stands in: u = 5 - 1 = 4 per value, S = 4 then 8: fires at 11.
    // With one of 0.02 and model noise 0.02 sigma is 0.0283: u = 0.05 / 0.0283 - 1 = 0.77 at first, and falls below
    // zero as the baseline (beta 0.1) sinks towards 0.85 before S reaches 5: no detection.
    @Test
    void theModelNoiseAddsInQuadrature() {
        DropCusumConfig noisy = new DropCusumConfig(1, 5, 0.02, 0.5, 0.1, 0.1, 5, 0.01, Watch.DOWN);
        assertThat(run(noisy, 0.0, concat(repeat(0.9, 10), repeat(0.85, 3))))
                .extracting(Detection::step).containsExactly(11L);
        DropCusumConfig noisier = new DropCusumConfig(1, 5, 0.02, 0.5, 0.1, 0.1, 5, 0.02, Watch.DOWN);
        assertThat(run(noisier, 0.02, concat(repeat(0.9, 10), repeat(0.85, 20)))).isEmpty();
    }

    // A learning curve lifts the baseline through the fast average (follow), so a plateau after it is not a drop,
    // while the symmetric baseline (follow = beta = 0.02) still sits near the curve's mean and sees one.
    @Test
    void theBaselineFollowsALearningCurveUp() {
        double[] curve = new double[80];
        for (int i = 0; i < curve.length; i++) {
            curve[i] = 0.9 - 0.8 * Math.exp(-i / 8.0);
        }
        double[] dip = concat(curve, repeat(0.84, 5));
        DropCusumConfig following = new DropCusumConfig(1, 5, 0.02, 0.3, 0.02, 0.3, 10, 0.01, Watch.DOWN);
        DropCusumConfig symmetric = new DropCusumConfig(1, 5, 0.02, 0.3, 0.02, 0.02, 10, 0.01, Watch.DOWN);
        assertThat(run(following, 0.01, curve)).isEmpty();
        assertThat(run(following, 0.01, dip)).hasSize(1);
        assertThat(run(symmetric, 0.01, dip)).isEmpty();
    }
}
