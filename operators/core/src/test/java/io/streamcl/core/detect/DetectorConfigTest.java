package io.streamcl.core.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamcl.core.spec.Spec;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Tests the text form and validation shared by every {@link DetectorConfig}. */
class DetectorConfigTest {

    static Stream<DetectorConfig> configs() {
        return Stream.of(DropFromBestConfig.defaults(), EwmaDropConfig.defaults(), DropCusumConfig.defaults(),
                PageHinkleyConfig.defaults(),
                CusumConfig.defaults(), AdwinConfig.defaults(), AccuracyDefaults.pageHinkley(), AccuracyDefaults.cusum(),
                AccuracyDefaults.dropFromBest(), LossDefaults.boundary());
    }

    @ParameterizedTest
    @MethodSource("configs")
    void canonicalTextParsesBackToAnEqualConfig(DetectorConfig config) {
        assertThat(DetectorConfig.parse(config.canonical())).isEqualTo(config);
        assertThat(config).hasToString(config.canonical());
    }

    @Test
    void unsetParametersTakeTheDefaults() {
        assertThat(DetectorConfig.parse("page-hinkley(lambda=0.2, watch=down)"))
                .isEqualTo(new PageHinkleyConfig(0.005, 0.2, 0.9999, 30, Watch.DOWN));
        assertThat(DetectorConfig.parse("adwin")).isEqualTo(AdwinConfig.defaults());
    }

    @Test
    void errorsNameTheDetectorTheParameterAndTheValue() {
        assertThatThrownBy(() -> DetectorConfig.parse("page-hinkley(lambda=-1)"))
                .hasMessage("page-hinkley.lambda must be > 0, got -1");
        assertThatThrownBy(() -> DetectorConfig.parse("cusum(h=lots)"))
                .hasMessage("cusum: parameter h='lots' must be a number");
        assertThatThrownBy(() -> DetectorConfig.parse("adwin(clock=1.5)"))
                .hasMessage("adwin: parameter clock='1.5' must be an integer");
        assertThatThrownBy(() -> DetectorConfig.parse("ewma-drop(watch=sideways)"))
                .hasMessage("ewma-drop: parameter watch='sideways' must be up, down or both");
        assertThatThrownBy(() -> DetectorConfig.parse("cusum(k=1,kk=2)"))
                .hasMessageStartingWith("cusum: unknown parameter 'kk' (known: k, h,");
        assertThatThrownBy(() -> DetectorConfig.parse("kswin()"))
                .hasMessage("unknown detector 'kswin' (known: drop-from-best, ewma-drop, drop-cusum, page-hinkley, cusum, adwin)");
        assertThatThrownBy(() -> DetectorConfig.parse("cusum(h=1,h=2)"))
                .hasMessage("parameter 'h' given twice in detector 'cusum(h=1,h=2)'");
        assertThatThrownBy(() -> new EwmaDropConfig(0.03, 0.1, 0.2, 30, Watch.DOWN))
                .hasMessage("ewma-drop.beta must be in (0, alpha], got 0.2");
        assertThatThrownBy(() -> new AdwinConfig(Double.NaN, 32, 5, 5, 10, Watch.BOTH))
                .hasMessage("adwin.delta must be in (0, 1), got NaN");
    }

    @Test
    void numbersAreWrittenCanonically() {
        assertThat(Spec.number(50)).isEqualTo("50");
        assertThat(Spec.number(0.005)).isEqualTo("0.005");
        assertThat(Spec.number(1e-6)).isEqualTo("1.0e-6");
    }
}
