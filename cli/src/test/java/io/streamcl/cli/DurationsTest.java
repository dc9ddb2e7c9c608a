package io.streamcl.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void acceptsZeroInEveryForm() {
        assertThat(Durations.parse("0")).isZero();
        assertThat(Durations.parse("0s")).isZero();
        assertThat(Durations.parse("PT0S")).isZero();
    }

    @Test
    void acceptsTheSameFormsAsTheCommandLine() {
        for (String text : new String[] {"90", "90s", "PT1M30S", "pt90s", "90000ms"}) {
            assertThat(Durations.parse(text)).as(text).isEqualTo(Duration.ofSeconds(90));
        }
        assertThat(Durations.parse("1d")).isEqualTo(Duration.ofDays(1));
    }

    @Test
    void refusesNegativeAndMalformedDurationsNamingTheValue() {
        assertThatThrownBy(() -> Durations.parse("-PT1S")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'-PT1S' is negative");
        assertThatThrownBy(() -> Durations.parse("1 week")).hasMessageContaining("'1 week' is not a duration")
                .hasMessageContaining(Durations.SYNTAX);
        assertThatThrownBy(() -> Durations.parsePositive("0")).hasMessageContaining("'0' is not a positive duration");
    }

    @Test
    void formatsZeroAsSeconds() {
        assertThat(Durations.format(Duration.ZERO)).isEqualTo("0s");
        assertThat(Durations.parse(Durations.format(Duration.ofMillis(1500)))).isEqualTo(Duration.ofMillis(1500));
    }
}
