package io.streamcl.flink.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeySettingsTest {

    @Test
    void idleExpiryTakesTheCommandLineDurationSyntax() {
        for (String text : new String[] {"86400", "86400s", "1440m", "24h", "1d", "PT24H"}) {
            assertThat(KeySettings.parse(Map.of(KeySettings.IDLE_EXPIRY, text)).idleExpiry()).as(text)
                    .isEqualTo(Duration.ofDays(1));
        }
    }

    @Test
    void idleExpiryDefaultsToZeroWhichKeepsLearnersForever() {
        KeyLimits limits = KeySettings.parse(Map.of());
        assertThat(limits.idleExpiry()).isZero();
        assertThat(KeySettings.parse(Map.of(KeySettings.IDLE_EXPIRY, "PT0S"))).isEqualTo(limits);
    }

    @Test
    void aBadIdleExpiryNamesTheKeyAndTheValue() {
        assertThatThrownBy(() -> KeySettings.parse(Map.of(KeySettings.IDLE_EXPIRY, "one day")))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("keys.idle-expiry='one day'").hasMessageContaining("PT1M30S");
        assertThatThrownBy(() -> KeySettings.parse(Map.of(KeySettings.IDLE_EXPIRY, "-PT1H")))
                .hasMessageContaining("keys.idle-expiry='-PT1H'").hasMessageContaining("negative");
    }
}
