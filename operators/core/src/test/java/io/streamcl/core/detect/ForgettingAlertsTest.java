package io.streamcl.core.detect;

import static io.streamcl.core.detect.DetectorRun.concat;
import static io.streamcl.core.detect.DetectorRun.repeat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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

/** Tests {@link ForgettingAlerts}: one dip gives one OPENED and one RESOLVED event, never a storm. */
class ForgettingAlertsTest {
    /** Held-out samples behind each accuracy: the reference size, whose noise the hand-computed values assume. */
    static final int SAMPLES = EvaluationNoise.REFERENCE_SAMPLES;

    static List<AlertEvent> feed(ForgettingAlerts alerts, double[] values) {
        return feed(alerts, values, SAMPLES);
    }

    static List<AlertEvent> feed(ForgettingAlerts alerts, double[] values, int samples) {
        List<AlertEvent> events = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            alerts.observe(i, values[i], samples).ifPresent(events::add);
        }
        return events;
    }

    /** The rule on the EWMA-baseline drop, whose steps are easy to follow by hand, at S = 1000. */
    private static final ForgettingAlertsConfig BY_HAND = new ForgettingAlertsConfig(EwmaDropConfig.defaults(), 0.3,
            0.02, 1.0, 0.01, 0.25, 0.05, 0.15, LifecycleConfig.defaults());

    // BY_HAND: ewma-drop(drop=0.03,alpha=0.3,beta=0.02,min_instances=30), smoothing 0.3, min_depth max(0.02, 1 se)
    // = 0.02 (se <= 0.0095 at S = 1000 near 0.9), recovery within max(0.01, 0.25 * worst smoothed depth) for 3
    // evaluations, cool-down 30.
    //   index 40, first 0.7: fast = 0.9 - 0.3 * 0.2 = 0.84, baseline 0.9, gap 0.06 >= 0.03 after 41 values: a drop.
    //     Smoothed depth 0.9 - 0.84 = 0.06 >= 0.02: OPENED, depth 0.9 - 0.7 = 0.2, CRITICAL (0.2 >= 0.15).
    //   index 49, tenth 0.7: smoothed = 0.7 + 0.2 * 0.7^10 = 0.7056495, worst smoothed depth 0.1943505.
    //   back at 0.9, j values later the smoothed depth is 0.1943505 * 0.7^j; recovered once <= 0.25 * 0.1943505 =
    //     0.0485876: j = 3 gives 0.0666622, j = 4 (index 53) gives 0.0466636. Indices 53, 54, 55 recovered:
    //     RESOLVED at 55, recovery step 53, duration 53 - 40 = 13, worst depth 0.2.
    @Test
    void oneNoiseFreeDipGivesTheHandComputedOpenAndResolve() {
        ForgettingAlerts alerts = ForgettingAlerts.create(BY_HAND);
        List<AlertEvent> events = feed(alerts, concat(repeat(0.9, 40), repeat(0.7, 10), repeat(0.9, 200)));
        assertThat(events).hasSize(2);
        AlertOpened opened = (AlertOpened) events.get(0);
        assertThat(opened.step()).isEqualTo(40);
        assertThat(opened.onsetStep()).isEqualTo(40);
        assertThat(opened.baseline()).isEqualTo(0.9);
        assertThat(opened.current()).isEqualTo(0.7);
        assertThat(opened.depth()).isCloseTo(0.2, within(1e-12));
        assertThat(opened.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(opened.kind()).isEqualTo(AlertKind.FORGETTING_SPIKE);
        assertThat(opened.detector()).isEqualTo(EwmaDropConfig.defaults().canonical());
        AlertResolved resolved = (AlertResolved) events.get(1);
        assertThat(resolved.step()).isEqualTo(55);
        assertThat(resolved.recoveryStep()).isEqualTo(53);
        assertThat(resolved.durationSteps()).isEqualTo(13);
        assertThat(resolved.worstDepth()).isCloseTo(0.2, within(1e-12));
        assertThat(resolved.depth()).isCloseTo(0.0, within(1e-12));
        assertThat(resolved.alertId("learner-a", 1)).isEqualTo(opened.alertId("learner-a", 1))
                .isEqualTo("learner-a/1/forgetting_spike/40");
    }

    // The same dip, closed at index 44 while open: one AlertClosed with the opening's id, baseline and the worst depth
    // so far (0.2), NaN as current and depth; nothing left to close afterwards, and the rule stays usable.
    @Test
    void closingAnOpenAlertEndsItWithoutARecovery() {
        ForgettingAlerts alerts = ForgettingAlerts.create(BY_HAND);
        AlertOpened opened = (AlertOpened) feed(alerts, concat(repeat(0.9, 40), repeat(0.7, 5))).get(0);

        AlertClosed closed = (AlertClosed) alerts.close(44, "superseded").orElseThrow();
        assertThat(closed.alertId("k", 0)).isEqualTo(opened.alertId("k", 0));
        assertThat(closed.step()).isEqualTo(44);
        assertThat(closed.baseline()).isEqualTo(0.9);
        assertThat(closed.worstDepth()).isCloseTo(0.2, within(1e-12));
        assertThat(closed.current()).isNaN();
        assertThat(closed.depth()).isNaN();
        assertThat(closed.message()).isEqualTo("closed without recovery at step 44, 4 steps after onset: superseded;"
                + " worst depth 0.2000");
        assertThat(alerts.isOpen()).isFalse();
        assertThat(alerts.close(45, "again")).isEmpty();
    }

    @Test
    void noisyDipsGiveExactlyOneOpenedThenOneResolvedEvent() {
        for (long seed = 1; seed <= 30; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            double[] values = new double[1200];
            for (int i = 0; i < values.length; i++) {
                double dip = i < 300 ? 0 : 0.25 * Math.exp(-(i - 300) / 40.0);
                values[i] = 0.85 - dip + 0.0113 * random.nextGaussian();
            }
            List<AlertEvent> events = feed(ForgettingAlerts.create(ForgettingAlertsConfig.defaults()), values);
            assertThat(events).as("seed %d", seed).hasSize(2);
            assertThat(events.get(0)).isInstanceOf(AlertOpened.class);
            assertThat(events.get(1)).isInstanceOf(AlertResolved.class);
            assertThat(events.get(0).step()).isBetween(300L, 303L);
            assertThat(events.get(0).severity()).isEqualTo(Severity.CRITICAL);
            assertThat(((AlertResolved) events.get(1)).worstDepth()).isBetween(0.22, 0.3);
            assertThat(events.get(0).alertId("k", 0)).isEqualTo(events.get(1).alertId("k", 0));
        }
    }

    @Test
    void noAlertOnADriftFreeNoisyStream() {
        SplittableRandom random = new SplittableRandom(7);
        double[] values = new double[20_000];
        for (int i = 0; i < values.length; i++) {
            values[i] = 0.9 + 0.0095 * random.nextGaussian();
        }
        assertThat(feed(ForgettingAlerts.create(ForgettingAlertsConfig.defaults()), values)).isEmpty();
    }

    // drop-from-best(drop=0.1,alpha=1) has no warm-up, and smoothing 1 with one recovered evaluation resolves the
    // first dip (5..8) at 9. Only the cool-down of 5 (indices 10..14) keeps the second dip (index 12) from opening;
    // the third (index 30) opens a second alert, resolved at 32.
    @Test
    void coolDownSwallowsADipRightAfterAResolution() {
        ForgettingAlertsConfig config = ForgettingAlertsConfig.defaults()
                .withDetector(new DropFromBestConfig(0.1, 1, Watch.DOWN));
        config = new ForgettingAlertsConfig(config.detector(), 1, 0.05, 0, 0.01, 0, 0.05, 0.15, new LifecycleConfig(1, 5));
        double[] values = concat(repeat(0.9, 5), repeat(0.7, 4), repeat(0.9, 3), repeat(0.7, 2), repeat(0.9, 16),
                repeat(0.7, 2), repeat(0.9, 3));
        List<AlertEvent> events = feed(ForgettingAlerts.create(config), values);
        assertThat(events).extracting(AlertEvent::step).containsExactly(5L, 9L, 30L, 32L);
        assertThat(events.get(2).alertId("k", 2)).isNotEqualTo(events.get(0).alertId("k", 2));
    }

    // The same 6-point dip on a 0.8 plateau, noise-free: about 7 standard errors of an evaluation on 1000
    // samples (se 0.0126), but under one on 50 (se 0.057), where the opening depth is 0.057 and the CUSUM of
    // standardised drops ((0.06 / 0.057 - 1.25) < 0 per evaluation) never grows.
    @Test
    void thresholdsScaleWithTheEvaluationNoise() {
        double[] dip = concat(repeat(0.8, 40), repeat(0.74, 10), repeat(0.8, 40));
        assertThat(feed(ForgettingAlerts.create(ForgettingAlertsConfig.defaults()), dip, 1000))
                .extracting(e -> e.getClass().getSimpleName()).containsExactly("AlertOpened", "AlertResolved");
        assertThat(feed(ForgettingAlerts.create(ForgettingAlertsConfig.defaults()), dip, 50)).isEmpty();
        assertThat(ForgettingAlertsConfig.defaults().openingDepth(EvaluationNoise.standardError(0.8, 50)))
                .isCloseTo(Math.sqrt(0.8 * 0.2 / 50), within(1e-12));
    }

    @Test
    void skipsMissingEvaluations() {
        ForgettingAlerts alerts = ForgettingAlerts.create(ForgettingAlertsConfig.defaults());
        assertThat(alerts.observe(0, Double.NaN, SAMPLES)).isEmpty();
        assertThat(feed(alerts, repeat(0.9, 100))).isEmpty();
    }

    @Test
    void stateRoundTripMidAlertResolvesAtTheSameStep() throws IOException {
        double[] values = concat(repeat(0.9, 40), repeat(0.7, 10), repeat(0.9, 20));
        ForgettingAlerts original = ForgettingAlerts.create(ForgettingAlertsConfig.defaults());
        for (int i = 0; i < 45; i++) {
            original.observe(i, values[i], SAMPLES);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        original.writeTo(new DataOutputStream(bytes));
        ForgettingAlerts restored = ForgettingAlerts.readFrom(
                new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), ForgettingAlertsConfig.defaults());
        for (int i = 45; i < values.length; i++) {
            assertThat(restored.observe(i, values[i], SAMPLES)).isEqualTo(original.observe(i, values[i], SAMPLES));
        }
    }

    @Test
    void configRejectsADetectorThatCannotSeeDrops() {
        assertThatThrownBy(() -> ForgettingAlertsConfig.defaults().withDetector(PageHinkleyConfig.defaults()))
                .hasMessageStartingWith("forgetting.detector must watch down or both, got page-hinkley(");
        assertThatThrownBy(() -> new ForgettingAlertsConfig(EwmaDropConfig.defaults(), 0.3, 0.01, 0, 0.01, 0.25, 0.05,
                0.15, LifecycleConfig.defaults())).hasMessage("forgetting.min_depth must be > recovery_margin, got 0.01");
        assertThat(ForgettingAlertsConfig.defaults().canonical()).startsWith("forgetting(detector=drop-cusum(")
                .endsWith("recovery_evaluations=3,cool_down=30)");
    }
}
