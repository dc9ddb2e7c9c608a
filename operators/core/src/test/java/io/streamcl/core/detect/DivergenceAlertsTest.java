package io.streamcl.core.detect;

import static io.streamcl.core.detect.DetectorRun.concat;
import static io.streamcl.core.detect.DetectorRun.repeat;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tests {@link DivergenceAlerts} with its defaults (factor 10, resolve factor 3, warm-up 10). */
class DivergenceAlertsTest {
    /** Warm-up at 2.0 (initial scale 2.0), then a converged 1.0: the reference stays max(2.0, ewma) = 2.0. */
    private static final double[] TRAINED = concat(repeat(2.0, 10), repeat(1.0, 20));

    static List<AlertEvent> feed(DivergenceAlerts alerts, double... losses) {
        List<AlertEvent> events = new ArrayList<>();
        for (int i = 0; i < losses.length; i++) {
            alerts.observe(i, losses[i]).ifPresent(events::add);
        }
        return events;
    }

    // Index 30: 25 > 10 * 2.0: OPENED (WARNING), depth 23. Index 31: 30, depth 28. Indices 32..34: 5 <= 3 * 2.0:
    // recovered three times, RESOLVED at 34, recovery step 32, worst depth 28.
    @Test
    void explodingLossOpensAndAReturnToScaleResolves() {
        List<AlertEvent> events = feed(DivergenceAlerts.create(DivergenceAlertsConfig.defaults()),
                concat(TRAINED, new double[] {25, 30, 5, 5, 5, 1}));
        assertThat(events).hasSize(2);
        AlertOpened opened = (AlertOpened) events.get(0);
        assertThat(opened.step()).isEqualTo(30);
        assertThat(opened.severity()).isEqualTo(Severity.WARNING);
        assertThat(opened.baseline()).isEqualTo(2.0);
        assertThat(opened.depth()).isEqualTo(23.0);
        AlertResolved resolved = (AlertResolved) events.get(1);
        assertThat(resolved.step()).isEqualTo(34);
        assertThat(resolved.recoveryStep()).isEqualTo(32);
        assertThat(resolved.worstDepth()).isEqualTo(28.0);
        assertThat(resolved.kind()).isEqualTo(AlertKind.DIVERGENCE);
    }

    @Test
    void nonFiniteLossIsCriticalAtOnce() {
        List<AlertEvent> events = feed(DivergenceAlerts.create(DivergenceAlertsConfig.defaults()),
                concat(TRAINED, new double[] {Double.NaN, Double.POSITIVE_INFINITY, 1, 1, 1}));
        assertThat(events).extracting(AlertEvent::step).containsExactly(30L, 34L);
        assertThat(events.get(0).severity()).isEqualTo(Severity.CRITICAL);
        assertThat(events.get(0).depth()).isNaN();
        assertThat(events.get(0).message()).contains("NaN");
        assertThat(((AlertResolved) events.get(1)).worstDepth()).as("a NaN loss is the worst").isNaN();
    }

    // A task switch sends the loss from 1.0 to 15: 7.5 times the initial scale, below the factor of 10.
    @Test
    void aTaskSwitchIsNotADivergence() {
        assertThat(feed(DivergenceAlerts.create(DivergenceAlertsConfig.defaults()),
                concat(TRAINED, new double[] {15, 9, 5, 3, 2, 1}))).isEmpty();
    }

    @Test
    void stateRoundTripKeepsTheOpenAlert() throws IOException {
        DivergenceAlerts original = DivergenceAlerts.create(DivergenceAlertsConfig.defaults());
        feed(original, concat(TRAINED, new double[] {Double.NaN}));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        original.writeTo(new DataOutputStream(bytes));
        DivergenceAlerts restored = DivergenceAlerts.readFrom(
                new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), DivergenceAlertsConfig.defaults());
        assertThat(restored.observe(31, 1)).isEmpty();
        assertThat(restored.observe(32, 1)).isEmpty();
        assertThat(restored.observe(33, 1)).get().isInstanceOf(AlertResolved.class);
    }
}
