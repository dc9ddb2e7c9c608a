package io.streamcl.flink.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamcl.core.serving.ServingConfig;
import io.streamcl.core.serving.ServingMode;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServeSettingsTest {

    @Test
    void defaultsToAutoAndFormatsBackToTheSameConfig() {
        ServingConfig defaults = ServeSettings.parse(Map.of());
        assertThat(defaults).isEqualTo(ServingConfig.of(ServingMode.AUTO));
        ServingConfig custom = ServeSettings.parse(Map.of(ServeSettings.WEIGHTS, "ema", ServeSettings.WINDOW, "5",
                ServeSettings.MARGIN, "0.05", ServeSettings.BOUNDARY_EMA, "true"));
        assertThat(custom).isEqualTo(new ServingConfig(ServingMode.EMA, 5, 0.05, true));
        assertThat(ServeSettings.parse(ServeSettings.format(custom))).isEqualTo(custom);
        assertThat(ServeSettings.DEFINITIONS).noneMatch(Setting::shapesState);
    }

    @Test
    void badValuesAndEmaWithoutAnEmaStageFailNamingTheSetting() {
        assertThatThrownBy(() -> ServeSettings.parse(Map.of(ServeSettings.WEIGHTS, "shadow")))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("serve.weights='shadow'")
                .hasMessageContaining("raw, ema, auto");
        assertThatThrownBy(() -> ServeSettings.parse(Map.of(ServeSettings.WINDOW, "0")))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("serve.window must be at least 1, got 0");
        ServingConfig ema = ServingConfig.of(ServingMode.EMA);
        assertThatThrownBy(() -> ServeSettings.requireWeights(ema, LearnerSettings.parse(Map.of())))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("serve.weights=ema needs an ema stage").hasMessageContaining("optimizer=sgd(lr=0.01");
        ServeSettings.requireWeights(ema, LearnerSettings.parse(Map.of(LearnerSettings.OPTIMIZER, "sgd(lr=0.01)+ema")));
        ServeSettings.requireWeights(ServingConfig.of(ServingMode.AUTO), LearnerSettings.parse(Map.of()));
    }
}
