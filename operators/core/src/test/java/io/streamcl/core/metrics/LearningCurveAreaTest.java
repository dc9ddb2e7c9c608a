package io.streamcl.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Tests {@link LearningCurveArea}: the mean of evaluations b = 0..beta, unknown until all are in. */
class LearningCurveAreaTest {

    /*
     * beta = 2, evaluations 0.20 (b=0), 0.50 (b=1), 0.80 (b=2), 0.90 (b=3, past the horizon):
     * LCA_2 = (0.20 + 0.50 + 0.80) / 3 = 0.50, unknown before b=2, unchanged by b=3.
     */
    @Test
    void averagesTheFirstBetaPlusOneEvaluations() {
        LearningCurveArea area = new LearningCurveArea(2);
        area.add(0.20);
        area.add(0.50);
        assertThat(area.value()).isNaN();
        area.add(0.80);
        assertThat(area.value()).isCloseTo(0.50, within(1e-12));
        area.add(0.90);
        assertThat(area.value()).isCloseTo(0.50, within(1e-12));
    }

    @Test
    void betaZeroIsTheZeroShotAccuracy() {
        LearningCurveArea area = new LearningCurveArea(0);
        area.add(0.30);
        area.add(0.90);
        assertThat(area.value()).isEqualTo(0.30);
    }
}
