package io.streamcl.flink.config;

import io.streamcl.core.learner.ContinualLearnerConfig;
import io.streamcl.core.optim.ShadowWeights;
import io.streamcl.core.serving.ServingConfig;
import io.streamcl.core.serving.ServingMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The prediction-policy vocabulary of the training job: parses {@code serve.*} settings into a {@link
 * ServingConfig}. All are policies: a savepoint restores under new values, which take effect from then on.
 */
public final class ServeSettings {
    public static final String WEIGHTS = "serve.weights";
    public static final String WINDOW = "serve.window";
    public static final String MARGIN = "serve.margin";
    public static final String BOUNDARY_EMA = "serve.boundary-ema";

    /** Every serving setting; none shapes a learner's state. */
    public static final List<Setting<?>> DEFINITIONS = List.of(
            Setting.named(WEIGHTS, ServingMode.class, ServingMode.AUTO, false,
                    "weights that answer unlabeled examples: raw, ema (needs an ema stage), or auto: the better of"
                            + " the two on recent held-out accuracy over seen tasks (raw when there is no ema stage)"),
            Setting.integer(WINDOW, ServingConfig.DEFAULT_WINDOW, false,
                    "auto: evaluations whose EMA-minus-raw accuracy differences are averaged before a switch"),
            Setting.number(MARGIN, ServingConfig.DEFAULT_MARGIN, false,
                    "auto: how far (accuracy 0..1) the other weights' mean must lead before they take over"),
            Setting.bool(BOUNDARY_EMA, false, false,
                    "auto: the EMA weights take over at each task boundary without waiting for evidence (for"
                            + " streams whose unlabeled examples come from old tasks)"));

    private ServeSettings() {}

    /** Parses settings over the defaults; keys outside {@link #DEFINITIONS} are ignored here. */
    public static ServingConfig parse(Map<String, String> settings) {
        try {
            return new ServingConfig(Setting.valueOf(DEFINITIONS, WEIGHTS, settings),
                    Setting.valueOf(DEFINITIONS, WINDOW, settings), Setting.valueOf(DEFINITIONS, MARGIN, settings),
                    Setting.valueOf(DEFINITIONS, BOUNDARY_EMA, settings));
        } catch (IllegalArgumentException e) {
            throw e instanceof InvalidSettingException ? e : new InvalidSettingException(e.getMessage());
        }
    }

    /** The settings that {@link #parse} turns back into {@code config}. */
    public static Map<String, String> format(ServingConfig config) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put(WEIGHTS, Setting.name(config.mode()));
        settings.put(WINDOW, Integer.toString(config.window()));
        settings.put(MARGIN, Double.toString(config.margin()));
        settings.put(BOUNDARY_EMA, Boolean.toString(config.boundaryEma()));
        return settings;
    }

    /** Fails naming the setting when {@code serving} asks for EMA weights that {@code learner} does not keep. */
    public static void requireWeights(ServingConfig serving, ContinualLearnerConfig learner) {
        boolean keepsEma = learner.learner().optimizer().stages().stream().anyMatch(s -> s instanceof ShadowWeights);
        if (serving.mode() == ServingMode.EMA && !keepsEma) {
            throw new InvalidSettingException(WEIGHTS + "=ema needs an ema stage in the optimizer, got optimizer="
                    + learner.learner().optimizer().canonical() + " (add +ema, or use raw or auto)");
        }
    }
}
