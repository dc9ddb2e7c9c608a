package io.streamcl.flink.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamcl.core.learner.ContinualLearnerConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tests {@link LearnerSettings}: defaults, round trip through text, and errors naming key and value. */
class LearnerSettingsTest {

    @Test
    void defaultsAreTheBenchmarkModelAndFormatRoundTrips() {
        ContinualLearnerConfig config = LearnerSettings.parse(Map.of());
        assertThat(config.learner().model().widths()).containsExactly(784, 256, 256, 10);
        assertThat(LearnerSettings.parse(LearnerSettings.format(config))).isEqualTo(config);
        ContinualLearnerConfig custom = LearnerSettings.parse(Map.of(LearnerSettings.ACTIVATION, "leaky-relu",
                LearnerSettings.HIDDEN, "", LearnerSettings.OPTIMIZER, "sgd(lr=0.5)", LearnerSettings.LAYER_NORM, "true", LearnerSettings.EVAL_SLICE, "50"));
        assertThat(custom.evaluation().slice()).isEqualTo(50);
        assertThat(config.evaluation().metrics().minSamples()).isEqualTo(100);
        assertThat(config.evaluation().metrics().recovery().noiseZ()).isEqualTo(2.0);
        assertThat(custom.evaluation().cappedMetrics().minSamples()).as("capped at the slice").isEqualTo(50);
        assertThat(LearnerSettings.parse(LearnerSettings.format(custom))).isEqualTo(custom);
    }

    @Test
    void replayAndStabilityStagesUseTheCoreVocabularyAndRoundTrip() {
        ContinualLearnerConfig config = LearnerSettings.parse(Map.of(
                LearnerSettings.OPTIMIZER, "adam(lr=0.001)+agem(sample=16)+spam+ema(anchor_steps=100)+boundary_lr",
                LearnerSettings.REPLAY, "class_balanced(capacity=500,new_weight=1/t,boundary_steps=50)"));
        assertThat(config.learner().replay().capacity()).isEqualTo(500);
        assertThat(LearnerSettings.format(config).get(LearnerSettings.REPLAY)).startsWith("class_balanced(capacity=500,");
        assertThat(LearnerSettings.parse(LearnerSettings.format(config))).isEqualTo(config);
        assertThat(LearnerSettings.parse(Map.of()).learner().replay().enabled()).isFalse();
    }

    @Test
    void everySettingIsDefinedOnceWithTypeDefaultDescriptionAndWhetherItShapesState() {
        assertThat(LearnerSettings.DEFINITIONS).extracting(Setting::key).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(LearnerSettings.keys());
        assertThat(LearnerSettings.DEFINITIONS).allSatisfy(d -> assertThat(d.description()).isNotBlank());
        assertThat(LearnerSettings.DEFINITIONS).filteredOn(d -> !d.shapesState()).extracting(Setting::key)
                .containsExactlyInAnyOrder(LearnerSettings.EVAL_EVERY, LearnerSettings.EVAL_SLICE,
                        LearnerSettings.EVAL_HOLDOUT, LearnerSettings.EVAL_PLASTICITY_EVERY,
                        LearnerSettings.SEGMENT_MIN_UPDATES, LearnerSettings.EVAL_ASYNC);
        assertThat(LearnerSettings.DEFINITIONS.get(2).describe())
                .isEqualTo("model.hidden (widths, default 256,256) [state]: hidden layer widths, comma-separated (empty for none)");
    }

    @Test
    void onlyStateShapingChangesAreListedWithOldAndNewValues() {
        Map<String, String> before = Map.of(LearnerSettings.EVAL_EVERY, "10");
        assertThat(LearnerSettings.stateShapingChanges(before, Map.of(LearnerSettings.EVAL_EVERY, "1",
                LearnerSettings.EVAL_SLICE, "50", LearnerSettings.SEGMENT_MIN_UPDATES, "7"))).isEmpty();
        assertThat(LearnerSettings.stateShapingChanges(before, Map.of(LearnerSettings.OPTIMIZER, "adam(lr=0.001)",
                LearnerSettings.BATCH_SIZE, "16"))).containsExactly(
                        "optimizer: sgd(lr=0.01,momentum=0,wd=0) -> adam(lr=0.001,beta1=0.9,beta2=0.999,eps=1.0e-8,wd=0)",
                        "learner.batch-size: 32 -> 16");
    }

    @Test
    void badValuesNameTheKeyAndValue() {
        assertThatThrownBy(() -> LearnerSettings.parse(Map.of(LearnerSettings.HIDDEN, "256,x")))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("model.hidden").hasMessageContaining("256,x");
        assertThatThrownBy(() -> LearnerSettings.parse(Map.of(LearnerSettings.ACTIVATION, "sigmoid")))
                .hasMessageContaining("model.activation").hasMessageContaining("sigmoid");
        assertThatThrownBy(() -> LearnerSettings.parse(Map.of(LearnerSettings.LAYER_NORM, "yes")))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("model.layer-norm").hasMessageContaining("yes");
        assertThatThrownBy(() -> LearnerSettings.parse(Map.of(LearnerSettings.EVAL_SLICE, "900")))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("eval.slice").hasMessageContaining("900");
        assertThatThrownBy(() -> LearnerSettings.parse(Map.of(LearnerSettings.OPTIMIZER, "sgd(lr=-1)")))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("-1");
        assertThatThrownBy(() -> LearnerSettings.parse(Map.of(LearnerSettings.REPLAY, "reservoir(new_weight=half)")))
                .isInstanceOf(InvalidSettingException.class).hasMessageStartingWith("replay='reservoir(new_weight=half)'")
                .hasMessageContaining("new_weight='half'");
        assertThatThrownBy(() -> LearnerSettings.parse(Map.of(LearnerSettings.EVAL_MIN_SAMPLES, "0")))
                .isInstanceOf(InvalidSettingException.class).hasMessage("eval.min-samples must be at least 1, got 0");
        assertThatThrownBy(() -> LearnerSettings.parse(Map.of(LearnerSettings.EVAL_RECOVERY_Z, "-1")))
                .isInstanceOf(InvalidSettingException.class).hasMessage("eval.recovery-z must be in [0, 10], got -1.0");
        assertThatThrownBy(() -> LearnerSettings.parse(Map.of(LearnerSettings.OPTIMIZER, "sgd+agem")))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("set replay");
    }
}
