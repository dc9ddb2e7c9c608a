package io.streamcl.flink.config;

import static io.streamcl.flink.config.SettingValues.bool;
import static io.streamcl.flink.config.SettingValues.integer;
import static io.streamcl.flink.config.SettingValues.longValue;
import static io.streamcl.flink.config.SettingValues.number;
import static io.streamcl.flink.config.SettingValues.textForm;

import io.streamcl.core.detect.BoundaryDetectorConfig;
import io.streamcl.core.detect.DetectorConfig;
import io.streamcl.core.eval.EvaluationConfig;
import io.streamcl.core.learner.ContinualLearnerConfig;
import io.streamcl.core.learner.LearnerConfig;
import io.streamcl.core.metrics.MetricsConfig;
import io.streamcl.core.metrics.RecoveryTolerance;
import io.streamcl.core.model.Activation;
import io.streamcl.core.model.InitScheme;
import io.streamcl.core.model.Loss;
import io.streamcl.core.model.MlpConfig;
import io.streamcl.core.optim.OptimizerConfig;
import io.streamcl.core.replay.ReplayConfig;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The job-configuration vocabulary of a learner: parses {@code key=value} settings into a core {@link
 * ContinualLearnerConfig} and formats one back, so a config can be stored as text (e.g. in a state serializer snapshot).
 * Unknown keys and bad values fail with a message naming the key and the value.
 */
public final class LearnerSettings {
    public static final String INPUTS = "model.inputs";
    public static final String CLASSES = "model.classes";
    public static final String HIDDEN = "model.hidden";
    public static final String ACTIVATION = "model.activation";
    public static final String LAYER_NORM = "model.layer-norm";
    public static final String LOSS = "model.loss";
    public static final String INIT = "model.init";
    public static final String SEED = "model.seed";
    /** The update pipeline in the core's stage vocabulary, e.g. {@code adam(lr=0.001)+cbp(rho=1e-4)}. */
    public static final String OPTIMIZER = "optimizer";
    public static final String BATCH_SIZE = "learner.batch-size";
    /** Experience replay in the core's syntax, e.g. {@code reservoir(capacity=2000)}; {@code none} turns it off. */
    public static final String REPLAY = "replay";
    public static final String EVAL_EVERY = "eval.every";
    public static final String EVAL_SAMPLES = "eval.samples-per-task";
    /** Samples per task one evaluation scores; "all" scores the whole held-out set. */
    public static final String EVAL_SLICE = "eval.slice";
    public static final String EVAL_HOLDOUT = "eval.holdout-fraction";
    public static final String EVAL_LCA_BETA = "eval.lca-beta";
    public static final String EVAL_RECOVERY = "eval.recovery-epsilon";
    /** Standard errors of the evaluation that widen the recovery band beyond the epsilon; 0 turns that off. */
    public static final String EVAL_RECOVERY_Z = "eval.recovery-z";
    /** Fewest held-out samples a score needs to enter min-ACC, WC-ACC, WF/WP, gaps and FWT (capped at the slice). */
    public static final String EVAL_MIN_SAMPLES = "eval.min-samples";
    public static final String EVAL_MAX_TASKS = "eval.max-tasks";
    /** Updates between plasticity diagnostics; 0 turns them off. */
    public static final String EVAL_PLASTICITY_EVERY = "eval.plasticity-every";
    /** Change detector on the training loss that cuts task-free streams into segments. */
    public static final String SEGMENT_DETECTOR = "segment.detector";
    public static final String SEGMENT_LOG_LOSS = "segment.log-loss";
    public static final String SEGMENT_MIN_UPDATES = "segment.min-updates";

    /** Defaults: the MLP 784-256-256-10 of the benchmarks, plain SGD at 0.01, batches of 32. */
    public static final Map<String, String> DEFAULTS = Map.ofEntries(
            Map.entry(INPUTS, "784"),
            Map.entry(CLASSES, "10"),
            Map.entry(HIDDEN, "256,256"),
            Map.entry(ACTIVATION, "relu"),
            Map.entry(LAYER_NORM, "false"),
            Map.entry(LOSS, "softmax-cross-entropy"),
            Map.entry(INIT, "kaiming-uniform"),
            Map.entry(SEED, "0"),
            Map.entry(OPTIMIZER, "sgd(lr=0.01)"),
            Map.entry(BATCH_SIZE, "32"),
            Map.entry(REPLAY, ReplayConfig.NONE.canonical()),
            Map.entry(EVAL_EVERY, Integer.toString(EvaluationConfig.DEFAULT_EVERY)),
            Map.entry(EVAL_SAMPLES, Integer.toString(EvaluationConfig.DEFAULT_SAMPLES_PER_TASK)),
            Map.entry(EVAL_SLICE, "all"),
            Map.entry(EVAL_HOLDOUT, Double.toString(EvaluationConfig.DEFAULT_HOLDOUT_FRACTION)),
            Map.entry(EVAL_LCA_BETA, Integer.toString(MetricsConfig.DEFAULT_LCA_BETA)),
            Map.entry(EVAL_RECOVERY, Double.toString(RecoveryTolerance.DEFAULT.epsilon())),
            Map.entry(EVAL_RECOVERY_Z, Double.toString(RecoveryTolerance.DEFAULT.noiseZ())),
            Map.entry(EVAL_MIN_SAMPLES, Integer.toString(MetricsConfig.DEFAULT_MIN_SAMPLES)),
            Map.entry(EVAL_MAX_TASKS, Integer.toString(MetricsConfig.DEFAULT_MAX_TASKS)),
            Map.entry(EVAL_PLASTICITY_EVERY, Integer.toString(EvaluationConfig.DEFAULT_PLASTICITY_EVERY)),
            Map.entry(SEGMENT_DETECTOR, BoundaryDetectorConfig.defaults().detector().canonical()),
            Map.entry(SEGMENT_LOG_LOSS, Boolean.toString(BoundaryDetectorConfig.DEFAULT_LOG)),
            Map.entry(SEGMENT_MIN_UPDATES, Integer.toString(BoundaryDetectorConfig.DEFAULT_MIN_SEGMENT)));

    private LearnerSettings() {}

    /** Every key this vocabulary knows. */
    public static Set<String> keys() {
        return new TreeSet<>(DEFAULTS.keySet());
    }

    /** Parses settings over the defaults; keys outside {@link #keys()} are ignored here (other components own them). */
    public static ContinualLearnerConfig parse(Map<String, String> settings) {
        Map<String, String> s = SettingValues.overDefaults(DEFAULTS, settings);
        try {
            MlpConfig model = new MlpConfig(integer(s, INPUTS), hidden(s.get(HIDDEN)), integer(s, CLASSES),
                    named(s, ACTIVATION, Activation.class), bool(s, LAYER_NORM), named(s, LOSS, Loss.class),
                    named(s, INIT, InitScheme.class), longValue(s, SEED));
            LearnerConfig learner = new LearnerConfig(model, OptimizerConfig.parse(s.get(OPTIMIZER)),
                    integer(s, BATCH_SIZE), textForm(s, REPLAY, ReplayConfig::parse));
            int samples = integer(s, EVAL_SAMPLES);
            MetricsConfig metrics = new MetricsConfig(integer(s, EVAL_LCA_BETA),
                    new RecoveryTolerance(number(s, EVAL_RECOVERY), false, number(s, EVAL_RECOVERY_Z)),
                    integer(s, EVAL_MAX_TASKS), integer(s, EVAL_MIN_SAMPLES));
            EvaluationConfig evaluation = new EvaluationConfig(integer(s, EVAL_EVERY), samples,
                    "all".equals(s.get(EVAL_SLICE)) ? samples : integer(s, EVAL_SLICE), number(s, EVAL_HOLDOUT),
                    metrics, integer(s, EVAL_PLASTICITY_EVERY));
            BoundaryDetectorConfig segmentation = new BoundaryDetectorConfig(
                    textForm(s, SEGMENT_DETECTOR, DetectorConfig::parse), bool(s, SEGMENT_LOG_LOSS),
                    integer(s, SEGMENT_MIN_UPDATES));
            return new ContinualLearnerConfig(learner, evaluation, segmentation);
        } catch (IllegalArgumentException e) {
            throw e instanceof InvalidSettingException ? e : new InvalidSettingException(e.getMessage());
        }
    }

    /** The settings that {@link #parse} turns back into {@code config}. */
    public static Map<String, String> format(ContinualLearnerConfig full) {
        LearnerConfig config = full.learner();
        EvaluationConfig evaluation = full.evaluation();
        MlpConfig model = config.model();
        Map<String, String> s = new LinkedHashMap<>();
        s.put(INPUTS, Integer.toString(model.inputs()));
        s.put(CLASSES, Integer.toString(model.outputs()));
        s.put(HIDDEN, Arrays.stream(model.hidden()).mapToObj(Integer::toString).collect(Collectors.joining(",")));
        s.put(ACTIVATION, name(model.activation()));
        s.put(LAYER_NORM, Boolean.toString(model.layerNorm()));
        s.put(LOSS, name(model.loss()));
        s.put(INIT, name(model.init()));
        s.put(SEED, Long.toString(model.seed()));
        s.put(OPTIMIZER, config.optimizer().canonical());
        s.put(BATCH_SIZE, Integer.toString(config.batchSize()));
        s.put(REPLAY, config.replay().canonical());
        s.put(EVAL_EVERY, Integer.toString(evaluation.every()));
        s.put(EVAL_SAMPLES, Integer.toString(evaluation.samplesPerTask()));
        s.put(EVAL_SLICE, Integer.toString(evaluation.slice()));
        s.put(EVAL_HOLDOUT, Double.toString(evaluation.holdoutFraction()));
        s.put(EVAL_LCA_BETA, Integer.toString(evaluation.metrics().lcaBeta()));
        s.put(EVAL_RECOVERY, Double.toString(evaluation.metrics().recovery().epsilon()));
        s.put(EVAL_RECOVERY_Z, Double.toString(evaluation.metrics().recovery().noiseZ()));
        s.put(EVAL_MIN_SAMPLES, Integer.toString(evaluation.metrics().minSamples()));
        s.put(EVAL_MAX_TASKS, Integer.toString(evaluation.metrics().maxTasks()));
        s.put(EVAL_PLASTICITY_EVERY, Integer.toString(evaluation.plasticityEvery()));
        s.put(SEGMENT_DETECTOR, full.segmentation().detector().canonical());
        s.put(SEGMENT_LOG_LOSS, Boolean.toString(full.segmentation().log()));
        s.put(SEGMENT_MIN_UPDATES, Integer.toString(full.segmentation().minSegment()));
        return s;
    }

    private static int[] hidden(String value) {
        if (value.isEmpty()) {
            return new int[0];
        }
        String[] parts = value.split(",");
        int[] widths = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                widths[i] = Integer.parseInt(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new InvalidSettingException(HIDDEN + " must be comma-separated widths like 256,256, got '" + value + "'");
            }
        }
        return widths;
    }

    private static String name(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static <E extends Enum<E>> E named(Map<String, String> s, String key, Class<E> type) {
        String value = s.get(key);
        for (E constant : type.getEnumConstants()) {
            if (name(constant).equals(value)) {
                return constant;
            }
        }
        throw new InvalidSettingException(key + " must be one of " + Arrays.stream(type.getEnumConstants())
                .map(LearnerSettings::name).collect(Collectors.joining(", ")) + ", got '" + value + "'");
    }
}
