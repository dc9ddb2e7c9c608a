package io.streamcl.flink.config;

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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
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
    /**
     * Scores continual evaluations on an evaluator thread per subtask instead of the training thread; a setting of
     * the whole job (not of one grid configuration), read by {@link #evaluatesAsync}, not part of the learner config.
     */
    public static final String EVAL_ASYNC = "eval.async";
    /** Change detector on the training loss that cuts task-free streams into segments. */
    public static final String SEGMENT_DETECTOR = "segment.detector";
    public static final String SEGMENT_LOG_LOSS = "segment.log-loss";
    public static final String SEGMENT_MIN_UPDATES = "segment.min-updates";

    /** The MLP 784-256-256-10 of the benchmarks, plain SGD at 0.01, batches of 32, by default. */
    public static final List<Setting<?>> DEFINITIONS = List.of(
            Setting.integer(INPUTS, 784, true, "feature count; records with another count are dead-lettered"),
            Setting.integer(CLASSES, 10, true, "output classes; labels outside [0, classes) are dead-lettered"),
            Setting.of(HIDDEN, "widths", "256,256", true, "hidden layer widths, comma-separated (empty for none)",
                    LearnerSettings::hidden),
            Setting.named(ACTIVATION, Activation.class, Activation.RELU, true, "hidden activation"),
            Setting.bool(LAYER_NORM, false, true, "LayerNorm after each hidden layer"),
            Setting.named(LOSS, Loss.class, Loss.SOFTMAX_CROSS_ENTROPY, true, "training loss"),
            Setting.named(INIT, InitScheme.class, InitScheme.KAIMING_UNIFORM, true, "initial weights"),
            Setting.longInteger(SEED, 0, true, "seed of the initial weights, held-out and replay sampling"),
            Setting.of(OPTIMIZER, "stages", "sgd(lr=0.01)", true,
                    "update pipeline, stages joined by +, e.g. adam(lr=0.001)+cbp(rho=1e-4)", OptimizerConfig::parse),
            Setting.integer(BATCH_SIZE, 32, true, "examples per update"),
            Setting.of(REPLAY, "spec", ReplayConfig.NONE.canonical(), true,
                    "experience replay: none, reservoir(...) or class_balanced(...)", ReplayConfig::parse),
            Setting.integer(EVAL_EVERY, EvaluationConfig.DEFAULT_EVERY, false,
                    "continual evaluation after every N updates, plus before the first and at task boundaries"),
            Setting.integer(EVAL_SAMPLES, EvaluationConfig.DEFAULT_SAMPLES_PER_TASK, true,
                    "capacity of each task's held-out set (reservoir sample of its EVAL examples)"),
            Setting.of(EVAL_SLICE, "int|all", "all", false,
                    "held-out samples per task one evaluation scores; fewer rotate through the set",
                    value -> value.equals("all") ? 0 : Integer.parseInt(value)),
            Setting.number(EVAL_HOLDOUT, EvaluationConfig.DEFAULT_HOLDOUT_FRACTION, false,
                    "share of TRAIN examples also diverted to the held-out sets"),
            Setting.integer(EVAL_LCA_BETA, MetricsConfig.DEFAULT_LCA_BETA, true, "learning-curve-area horizon beta"),
            Setting.number(EVAL_RECOVERY, RecoveryTolerance.DEFAULT.epsilon(), true,
                    "a stability gap counts as recovered within this much of its pre-boundary accuracy"),
            Setting.number(EVAL_RECOVERY_Z, RecoveryTolerance.DEFAULT.noiseZ(), true,
                    "standard errors of a task's score that widen the recovery band beyond the epsilon; 0 = off"),
            Setting.integer(EVAL_MIN_SAMPLES, MetricsConfig.DEFAULT_MIN_SAMPLES, true,
                    "fewest held-out samples a score needs to enter min-ACC, WC-ACC, WF/WP, gaps and FWT (capped at"
                            + " the slice)"),
            Setting.integer(EVAL_MAX_TASKS, MetricsConfig.DEFAULT_MAX_TASKS, true,
                    "most tasks (or drift segments) tracked at once; the oldest is forgotten beyond"),
            Setting.integer(EVAL_PLASTICITY_EVERY, EvaluationConfig.DEFAULT_PLASTICITY_EVERY, false,
                    "updates between plasticity diagnostics; 0 = off"),
            Setting.bool(EVAL_ASYNC, false, false,
                    "score continual evaluations on an evaluator thread per subtask, off the training path (same"
                            + " events and state); heap state backend only, synchronous under rocksdb"),
            Setting.of(SEGMENT_DETECTOR, "spec", BoundaryDetectorConfig.defaults().detector().canonical(), true,
                    "change detector on the training loss that opens a new segment in task-free streams",
                    DetectorConfig::parse),
            Setting.bool(SEGMENT_LOG_LOSS, BoundaryDetectorConfig.DEFAULT_LOG, true, "the detector sees ln(loss)"),
            Setting.integer(SEGMENT_MIN_UPDATES, BoundaryDetectorConfig.DEFAULT_MIN_SEGMENT, false,
                    "least updates between two segment boundaries"));

    /** Default text of every key. */
    public static final Map<String, String> DEFAULTS = DEFINITIONS.stream()
            .collect(Collectors.toUnmodifiableMap(Setting::key, Setting::defaultValue));

    private LearnerSettings() {}

    /** Every key this vocabulary knows. */
    public static Set<String> keys() {
        return new TreeSet<>(DEFAULTS.keySet());
    }

    /** Parses settings over the defaults; keys outside {@link #keys()} are ignored here (other components own them). */
    public static ContinualLearnerConfig parse(Map<String, String> s) {
        try {
            MlpConfig model = new MlpConfig(get(s, INPUTS), get(s, HIDDEN), get(s, CLASSES), get(s, ACTIVATION),
                    get(s, LAYER_NORM), get(s, LOSS), get(s, INIT), get(s, SEED));
            LearnerConfig learner = new LearnerConfig(model, get(s, OPTIMIZER), get(s, BATCH_SIZE), get(s, REPLAY));
            int samples = get(s, EVAL_SAMPLES);
            int slice = get(s, EVAL_SLICE);
            MetricsConfig metrics = new MetricsConfig(get(s, EVAL_LCA_BETA),
                    new RecoveryTolerance(get(s, EVAL_RECOVERY), false, get(s, EVAL_RECOVERY_Z)),
                    get(s, EVAL_MAX_TASKS), get(s, EVAL_MIN_SAMPLES));
            EvaluationConfig evaluation = new EvaluationConfig(get(s, EVAL_EVERY), samples,
                    slice == 0 ? samples : slice, get(s, EVAL_HOLDOUT), metrics, get(s, EVAL_PLASTICITY_EVERY));
            BoundaryDetectorConfig segmentation = new BoundaryDetectorConfig(get(s, SEGMENT_DETECTOR),
                    get(s, SEGMENT_LOG_LOSS), get(s, SEGMENT_MIN_UPDATES));
            return new ContinualLearnerConfig(learner, evaluation, segmentation);
        } catch (IllegalArgumentException e) {
            throw e instanceof InvalidSettingException ? e : new InvalidSettingException(e.getMessage());
        }
    }

    /** Whether {@code settings} ask for evaluations on an evaluator thread ({@link #EVAL_ASYNC}). */
    public static boolean evaluatesAsync(Map<String, String> settings) {
        return get(settings, EVAL_ASYNC);
    }

    private static <T> T get(Map<String, String> settings, String key) {
        return Setting.valueOf(DEFINITIONS, key, settings);
    }

    /**
     * The state-shaping settings whose values differ between two settings maps (both over the defaults), as
     * "key: old -> new" lines; empty when a state written under {@code before} is readable under {@code after}.
     */
    public static List<String> stateShapingChanges(Map<String, String> before, Map<String, String> after) {
        ContinualLearnerConfig old = parse(before);
        ContinualLearnerConfig now = parse(after);
        Map<String, String> oldText = format(old);
        Map<String, String> newText = format(now);
        List<String> changes = new ArrayList<>();
        for (Setting<?> setting : DEFINITIONS) {
            String was = oldText.get(setting.key());
            String is = newText.get(setting.key());
            if (setting.shapesState() && !was.equals(is)) {
                changes.add(setting.key() + ": " + was + " -> " + is);
            }
        }
        return changes;
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
        s.put(ACTIVATION, Setting.name(model.activation()));
        s.put(LAYER_NORM, Boolean.toString(model.layerNorm()));
        s.put(LOSS, Setting.name(model.loss()));
        s.put(INIT, Setting.name(model.init()));
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
                throw new IllegalArgumentException("must be comma-separated widths like 256,256");
            }
        }
        return widths;
    }

}
