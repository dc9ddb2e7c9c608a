package io.streamcl.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DurationConverterTest {

    @Test
    void acceptsPlainSecondsUnitsAndIso() {
        assertThat(DurationConverter.parse("30")).isEqualTo(Duration.ofSeconds(30));
        assertThat(DurationConverter.parse("10s")).isEqualTo(Duration.ofSeconds(10));
        assertThat(DurationConverter.parse("PT10S")).isEqualTo(Duration.ofSeconds(10));
        assertThat(DurationConverter.parse("pt1m30s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(DurationConverter.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(DurationConverter.parse(" 5m ")).isEqualTo(Duration.ofMinutes(5));
        assertThat(DurationConverter.parse("2H")).isEqualTo(Duration.ofHours(2));
        assertThat(DurationConverter.parse("1d")).isEqualTo(Duration.ofDays(1));
    }

    @Test
    void refusesOtherFormsNamingTheValueAndTheSyntax() {
        assertThatThrownBy(() -> DurationConverter.parse("ten seconds"))
                .isInstanceOf(CommandLine.TypeConversionException.class)
                .hasMessageContaining("'ten seconds' is not a duration").hasMessageContaining("30s");
        assertThatThrownBy(() -> DurationConverter.parse("0s")).hasMessageContaining("'0s' is not a positive duration");
        assertThatThrownBy(() -> DurationConverter.parse("-PT1S")).hasMessageContaining("positive");
    }

    @Test
    void formatsInTheShortestForm() {
        assertThat(DurationConverter.format(Duration.ofSeconds(10))).isEqualTo("10s");
        assertThat(DurationConverter.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
        assertThat(DurationConverter.format(Duration.ofMinutes(5))).isEqualTo("5m");
        assertThat(DurationConverter.format(Duration.ofHours(2))).isEqualTo("2h");
    }
}
