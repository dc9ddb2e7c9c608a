package io.streamcl.flink.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamcl.core.detect.AccuracyDefaults;
import io.streamcl.core.detect.ForgettingAlertsConfig;
import io.streamcl.flink.alert.AlertConfig;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tests {@link AlertSettings}: calibrated defaults, round trip through text, and errors naming key and value. */
class AlertSettingsTest {

    @Test
    void defaultsAreTheCalibratedOnesAndFormatRoundTrips() {
        AlertConfig defaults = AlertSettings.parse(Map.of());
        assertThat(defaults).isEqualTo(AlertConfig.defaults());
        assertThat(AlertSettings.parse(AlertSettings.format(defaults))).isEqualTo(defaults);

        AlertConfig custom = AlertSettings.parse(Map.of(AlertSettings.DETECTOR, "page-hinkley(lambda=0.25,watch=down)",
                AlertSettings.CRITICAL_DEPTH, "0.3", AlertSettings.COOL_DOWN, "5", AlertSettings.MAX_TASKS, "7",
                "model.inputs", "16"));
        assertThat(custom.forgetting().detector()).isEqualTo(AccuracyDefaults.pageHinkley());
        assertThat(custom.forgetting().criticalDepth()).isEqualTo(0.3);
        assertThat(custom.forgetting().lifecycle().coolDownEvaluations()).isEqualTo(5);
        assertThat(custom.forgetting().smoothing()).isEqualTo(ForgettingAlertsConfig.DEFAULT_SMOOTHING);
        assertThat(custom.maxTasks()).isEqualTo(7);
        assertThat(AlertSettings.parse(AlertSettings.format(custom))).isEqualTo(custom);
    }

    @Test
    void badValuesNameTheKeyAndValue() {
        assertRejected(Map.of(AlertSettings.DETECTOR, "ewma-drop(drop=x)"), "alert.detector", "ewma-drop(drop=x)");
        assertRejected(Map.of(AlertSettings.DETECTOR, "kalman"), "alert.detector", "unknown detector 'kalman'");
        assertRejected(Map.of(AlertSettings.DETECTOR, "ewma-drop(watch=up)"), "alert.detector=ewma-drop(watch=up)",
                "must watch down");
        assertRejected(Map.of(AlertSettings.CRITICAL_DEPTH, "0.01"), "alert.critical-depth=0.01", "critical_depth");
        assertRejected(Map.of(AlertSettings.COOL_DOWN, "soon"), "alert.cool-down", "soon");
        assertRejected(Map.of(AlertSettings.MAX_TASKS, "1"), "alert.max-tasks=1");
    }

    @Test
    void theStateTtlIsADurationOutsideTheStateShapingConfig() {
        assertThat(AlertSettings.stateTtl(Map.of())).isEqualTo(Duration.ofDays(7));
        assertThat(AlertSettings.stateTtl(Map.of(AlertSettings.STATE_TTL, "PT0S"))).isZero();
        assertThat(AlertSettings.stateTtl(Map.of(AlertSettings.STATE_TTL, "PT12H"))).isEqualTo(Duration.ofHours(12));
        assertThat(AlertSettings.format(AlertConfig.defaults())).doesNotContainKey(AlertSettings.STATE_TTL);
        assertThatThrownBy(() -> AlertSettings.stateTtl(Map.of(AlertSettings.STATE_TTL, "a week")))
                .isInstanceOf(InvalidSettingException.class).message().contains("alert.state-ttl", "a week");
    }

    private static void assertRejected(Map<String, String> settings, String... messageParts) {
        assertThatThrownBy(() -> AlertSettings.parse(settings)).isInstanceOf(InvalidSettingException.class)
                .message().contains(messageParts);
    }
}
