package io.streamcl.flink.config;

import io.streamcl.core.learner.LearnerConfig;
import io.streamcl.core.model.Activation;
import io.streamcl.core.model.InitScheme;
import io.streamcl.core.model.Loss;
import io.streamcl.core.model.MlpConfig;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The job-configuration vocabulary of a learner: parses {@code key=value} settings into a core {@link
 * LearnerConfig} and formats one back, so a config can be stored as text (e.g. in a state serializer snapshot).
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

    /** Defaults: the MLP 784-256-256-10 of the benchmarks, plain SGD at 0.01, batches of 32. */
    public static final Map<String, String> DEFAULTS = Map.of(
            INPUTS, "784",
            CLASSES, "10",
            HIDDEN, "256,256",
            ACTIVATION, "relu",
            LAYER_NORM, "false",
            LOSS, "softmax-cross-entropy",
            INIT, "kaiming-uniform",
            SEED, "0",
            OPTIMIZER, "sgd(lr=0.01)",
            BATCH_SIZE, "32");

    private LearnerSettings() {}

    /** Every key this vocabulary knows. */
    public static Set<String> keys() {
        return new TreeSet<>(DEFAULTS.keySet());
    }

    /** Parses settings over the defaults; keys outside {@link #keys()} are ignored here (other components own them). */
    public static LearnerConfig parse(Map<String, String> settings) {
        Map<String, String> s = new LinkedHashMap<>(DEFAULTS);
        settings.forEach((k, v) -> {
            if (DEFAULTS.containsKey(k)) {
                s.put(k, v.trim());
            }
        });
        try {
            MlpConfig model = new MlpConfig(integer(s, INPUTS), hidden(s.get(HIDDEN)), integer(s, CLASSES),
                    named(s, ACTIVATION, Activation.class), bool(s, LAYER_NORM), named(s, LOSS, Loss.class),
                    named(s, INIT, InitScheme.class), longValue(s, SEED));
            return LearnerConfig.of(model, s.get(OPTIMIZER), integer(s, BATCH_SIZE));
        } catch (IllegalArgumentException e) {
            throw e instanceof InvalidSettingException ? e : new InvalidSettingException(e.getMessage());
        }
    }

    /** The settings that {@link #parse} turns back into {@code config}. */
    public static Map<String, String> format(LearnerConfig config) {
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

    private static boolean bool(Map<String, String> s, String key) {
        String value = s.get(key);
        if (!value.equals("true") && !value.equals("false")) {
            throw new InvalidSettingException(key + " must be true or false, got '" + value + "'");
        }
        return Boolean.parseBoolean(value);
    }

    private static int integer(Map<String, String> s, String key) {
        try {
            return Integer.parseInt(s.get(key));
        } catch (NumberFormatException e) {
            throw new InvalidSettingException(key + " must be an integer, got '" + s.get(key) + "'");
        }
    }

    private static long longValue(Map<String, String> s, String key) {
        try {
            return Long.parseLong(s.get(key));
        } catch (NumberFormatException e) {
            throw new InvalidSettingException(key + " must be an integer, got '" + s.get(key) + "'");
        }
    }
}
