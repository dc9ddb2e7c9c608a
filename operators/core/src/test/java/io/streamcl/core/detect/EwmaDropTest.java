package io.streamcl.core.detect;

import static io.streamcl.core.detect.DetectorRun.concat;
import static io.streamcl.core.detect.DetectorRun.repeat;
import static io.streamcl.core.detect.DetectorRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Tests {@link EwmaDrop} on hand-computed vectors. */
class EwmaDropTest {
    /** Ten 1s, then 0.6s; alpha = 0.5, beta = 0.1, drop = 0.25. */
    private static final double[] STEP_DOWN = concat(repeat(1, 10), repeat(0.6, 5));

    // Indices 0..9: z = b = 1. From index 10 the weights are alpha = 0.5 and beta = 0.1 (1/n < 0.1):
    //   index 10: z = 1 - 0.5 * 0.4 = 0.8,  gap = b - z = 1 - 0.8 = 0.2 (onset 10), then b = 1 - 0.1 * 0.4 = 0.96
    //   index 11: z = 0.8 - 0.5 * 0.2 = 0.7, gap = 0.96 - 0.7 = 0.26 >= 0.25: change, baseline = b at onset = 1
    @Test
    void firesWhenTheFastAverageIsDropBelowTheBaseline() {
        EwmaDropConfig config = new EwmaDropConfig(0.25, 0.5, 0.1, 5, Watch.DOWN);
        assertThat(run(config.create(), STEP_DOWN)).containsExactly(new Detection(Direction.DOWN, 11, 10, 1.0, 0.6));
    }

    // min_instances = 13 holds back index 11 (n = 12); index 12: b = 0.96 + 0.1 * (0.6 - 0.96) = 0.924,
    // z = 0.65, gap = 0.274 >= 0.25.
    @Test
    void noAlarmBeforeMinInstancesValues() {
        EwmaDropConfig config = new EwmaDropConfig(0.25, 0.5, 0.1, 13, Watch.DOWN);
        assertThat(run(config.create(), STEP_DOWN)).extracting(Detection::step).containsExactly(12L);
    }

    // The baseline follows a slow decline: values falling 0.002 per step keep b - z near
    // 0.002 * (1/beta - 1/alpha) = 0.002 * (10 - 2) = 0.016, far below 0.05, however long the decline lasts.
    @Test
    void aSlowDeclineIsFollowedNotAlarmed() {
        double[] slope = new double[400];
        for (int i = 0; i < slope.length; i++) {
            slope[i] = 1 - 0.002 * i;
        }
        assertThat(run(new EwmaDropConfig(0.05, 0.5, 0.1, 5, Watch.DOWN).create(), slope)).isEmpty();
    }

    @Test
    void watchUpSeesTheMirroredRise() {
        EwmaDropConfig config = new EwmaDropConfig(0.25, 0.5, 0.1, 5, Watch.UP);
        assertThat(run(config.create(), DetectorRun.negate(STEP_DOWN)))
                .containsExactly(new Detection(Direction.UP, 11, 10, -1.0, -0.6));
    }
}
