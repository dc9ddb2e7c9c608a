package io.streamcl.flink.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tests {@link KeyRoutes}: the first rule matching the whole key wins, and bad rules fail naming the rule. */
class KeyRoutesTest {
    private static final LearnerGrid GRID = LearnerGrid.parse(List.of("[fast]", "optimizer=sgd(lr=0.1)", "[safe]",
            "optimizer=sgd(lr=0.001)"), "grid", Map.of());

    @Test
    void theFirstRuleMatchingTheWholeKeyWins() {
        KeyRoutes routes = KeyRoutes.parse(List.of("sensor-[0-9]+=fast", "sensor.*=safe", "a=b=safe"), GRID, "--config-for");

        assertThat(routes.configurationOf("sensor-17")).isEqualTo("fast");
        assertThat(routes.configurationOf("sensor-17x")).as("whole key, not a substring").isEqualTo("safe");
        assertThat(routes.configurationOf("a=b")).as("split at the last '='").isEqualTo("safe");
        assertThat(routes.configurationOf("x-sensor-1")).isNull();
        assertThat(routes).hasToString("[sensor-[0-9]+=fast, sensor.*=safe, a=b=safe]");
    }

    @Test
    void badRulesFailNamingTheRuleAndTheBadPart() {
        assertThatThrownBy(() -> KeyRoutes.parse(List.of(".*=slow"), GRID, "--config-for"))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("--config-for '.*=slow': unknown configuration 'slow'; the job has [fast, safe]");
        assertThatThrownBy(() -> KeyRoutes.parse(List.of("sensor-(=fast"), GRID, "--config-for"))
                .hasMessageStartingWith("--config-for 'sensor-(=fast': bad regular expression: Unclosed group");
        assertThatThrownBy(() -> KeyRoutes.parse(List.of("fast"), GRID, "--config-for"))
                .hasMessage("--config-for 'fast': expected KEY_REGEX=CONFIGURATION");
        assertThatThrownBy(() -> KeyRoutes.parse(List.of("x="), GRID, "--config-for"))
                .hasMessage("--config-for 'x=': expected KEY_REGEX=CONFIGURATION");
    }
}
