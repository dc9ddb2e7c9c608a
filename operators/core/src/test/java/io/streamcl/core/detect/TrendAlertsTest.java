package io.streamcl.core.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Tests {@link TrendAlerts} and {@link TrendStatistics} on hand-computed series. */
class TrendAlertsTest {

    static List<AlertEvent> feed(TrendAlerts alerts, double[] values) {
        List<AlertEvent> events = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            alerts.observe(100L * i, values[i]).ifPresent(events::add);
        }
        return events;
    }

    // 1, 2, 3, 4, 5: S = 10 pairs all rising, Var = 5 * 4 * 15 / 18 = 16.6667, z = (10 - 1) / 4.0825 = 2.2045.
    // {1, 3, 2, 4}: pairwise slopes 2, 0.5, 1, -1, 0.5, 2 -> median of (-1, 0.5, 0.5, 1, 2, 2) = 0.75; residuals
    // x_i - 0.75 i = 1, 2.25, 0.5, 1.75 -> intercept = median = (1 + 1.75) / 2 = 1.375.
    @Test
    void statisticsMatchHandComputedValues() {
        assertThat(TrendStatistics.mannKendallZ(new double[] {1, 2, 3, 4, 5})).isCloseTo(2.2045, within(1e-4));
        assertThat(TrendStatistics.mannKendallZ(new double[] {5, 4, 3, 2, 1})).isCloseTo(-2.2045, within(1e-4));
        double slope = TrendStatistics.theilSenSlope(new double[] {1, 3, 2, 4});
        assertThat(slope).isEqualTo(0.75);
        assertThat(TrendStatistics.theilSenIntercept(new double[] {1, 3, 2, 4}, slope)).isEqualTo(1.375);
    }

    // New-task accuracy 0.90, 0.89, ..., 0.83 over 8 tasks: S = -28, Var = 8 * 7 * 21 / 18 = 65.333,
    // z = (-28 + 1) / 8.0829 = -3.34 (past -2.33); Theil-Sen slope -0.01, change over the window 0.07 >= 0.03.
    // OPENED at the 8th value (step 700), onset at the first (step 0), baseline the fitted start 0.90.
    // Then flat 0.83s fade the trend. Recovered means z above -1.165 or a change below 0.015. Windows ending at
    // index 8..11: S = -27, -25, -22, -18 (z -3.22, -2.97, -2.60, -2.10), changes 0.07, 0.07, 0.044, 0.026: still
    // open. Index 12: S = -13 (z -1.49), slope 0: recovered; index 13 too: RESOLVED at step 1300, recovery at 1200.
    @Test
    void decliningNewTaskAccuracyOpensThenResolvesWhenItLevelsOff() {
        double[] values = {0.90, 0.89, 0.88, 0.87, 0.86, 0.85, 0.84, 0.83, 0.83, 0.83, 0.83, 0.83, 0.83, 0.83};
        List<AlertEvent> events = feed(TrendAlerts.create(TrendAlertsConfig.newTaskAccuracy()), values);
        assertThat(events).hasSize(2);
        AlertOpened opened = (AlertOpened) events.get(0);
        assertThat(opened.step()).isEqualTo(700);
        assertThat(opened.onsetStep()).isEqualTo(0);
        assertThat(opened.baseline()).isCloseTo(0.90, within(1e-9));
        assertThat(opened.depth()).isCloseTo(0.07, within(1e-9));
        assertThat(opened.kind()).isEqualTo(AlertKind.PLASTICITY_LOSS);
        AlertResolved resolved = (AlertResolved) events.get(1);
        assertThat(resolved.step()).isEqualTo(1300);
        assertThat(resolved.recoveryStep()).isEqualTo(1200);
    }

    // Flat noise makes a window look like a trend now and then (sliding windows are many tests): measured here,
    // the dormant preset never opens at 1 point of noise, and the new-task preset rarely at 1.5 points.
    @Test
    void flatNoiseRarelyLooksLikeATrend() {
        assertThat(feed(TrendAlerts.create(TrendAlertsConfig.dormantFraction()), noise(0.1, 0.01, 3))).isEmpty();
        List<AlertEvent> events = feed(TrendAlerts.create(TrendAlertsConfig.newTaskAccuracy()), noise(0.8, 0.015, 4));
        assertThat(events.stream().filter(e -> e instanceof AlertOpened).count()).isLessThanOrEqualTo(20);
    }

    private static double[] noise(double level, double sd, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] values = new double[2000];
        for (int i = 0; i < values.length; i++) {
            values[i] = level + sd * random.nextGaussian();
        }
        return values;
    }

    @Test
    void risingDormantFractionOpens() {
        double[] values = {0.10, 0.11, 0.12, 0.12, 0.14, 0.15, 0.15, 0.17, 0.18, 0.20};
        List<AlertEvent> events = feed(TrendAlerts.create(TrendAlertsConfig.dormantFraction()), values);
        assertThat(events).singleElement().isInstanceOf(AlertOpened.class);
        assertThat(events.get(0).message()).startsWith("dormant-fraction moved +");
    }

    @Test
    void stateRoundTripContinuesTheWindow() throws IOException {
        double[] values = {0.90, 0.89, 0.88, 0.87, 0.86, 0.85, 0.84, 0.83};
        TrendAlerts original = TrendAlerts.create(TrendAlertsConfig.newTaskAccuracy());
        for (int i = 0; i < 7; i++) {
            original.observe(i, values[i]);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        original.writeTo(new DataOutputStream(bytes));
        TrendAlerts restored = TrendAlerts.readFrom(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())),
                TrendAlertsConfig.newTaskAccuracy());
        assertThat(restored.observe(7, values[7])).get().isInstanceOf(AlertOpened.class);
    }
}
