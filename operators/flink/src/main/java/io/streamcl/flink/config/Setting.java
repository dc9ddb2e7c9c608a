package io.streamcl.flink.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One setting of a job's vocabulary, defined once in the style of Flink's {@code ConfigOption}: its key, the type
 * of its values, the default, a description for {@code --help}, whether it shapes keyed state, and the parser that
 * validates a value (its errors name the key and the value).
 *
 * <p>A state-shaping setting decides what a key's state is (the model, the optimizer's moments, the buffers' sizes):
 * a savepoint taken under one value cannot be restored under another. Every other setting is a policy (when to
 * evaluate, how much to score, ...), which may change on restore and takes effect from then on.
 */
public final class Setting<T> {
    private final String key;
    private final String type;
    private final String defaultValue;
    private final String description;
    private final boolean shapesState;
    private final Function<String, T> parser;

    private Setting(String key, String type, String defaultValue, String description, boolean shapesState,
            Function<String, T> parser) {
        this.key = key;
        this.type = type;
        this.defaultValue = defaultValue;
        this.description = description;
        this.shapesState = shapesState;
        this.parser = parser;
        value(defaultValue);
    }

    /** A setting whose values {@code parser} reads (and rejects with {@link IllegalArgumentException}). */
    public static <T> Setting<T> of(String key, String type, String defaultValue, boolean shapesState,
            String description, Function<String, T> parser) {
        return new Setting<>(key, type, defaultValue, description, shapesState, parser);
    }

    public static Setting<Integer> integer(String key, int defaultValue, boolean shapesState, String description) {
        return of(key, "int", Integer.toString(defaultValue), shapesState, description, Integer::parseInt);
    }

    public static Setting<Long> longInteger(String key, long defaultValue, boolean shapesState, String description) {
        return of(key, "long", Long.toString(defaultValue), shapesState, description, Long::parseLong);
    }

    public static Setting<Double> number(String key, double defaultValue, boolean shapesState, String description) {
        return of(key, "double", Double.toString(defaultValue), shapesState, description, Double::parseDouble);
    }

    public static Setting<Boolean> bool(String key, boolean defaultValue, boolean shapesState, String description) {
        return of(key, "boolean", Boolean.toString(defaultValue), shapesState, description, value -> {
            if (!value.equals("true") && !value.equals("false")) {
                throw new IllegalArgumentException("must be true or false");
            }
            return Boolean.parseBoolean(value);
        });
    }

    /** A setting whose values are the constants of {@code type}, lower case with '-' for '_' (e.g. leaky-relu). */
    public static <E extends Enum<E>> Setting<E> named(String key, Class<E> type, E defaultValue, boolean shapesState,
            String description) {
        String names = Arrays.stream(type.getEnumConstants()).map(Setting::name).collect(Collectors.joining("|"));
        return of(key, names, name(defaultValue), shapesState, description, value -> {
            for (E constant : type.getEnumConstants()) {
                if (name(constant).equals(value)) {
                    return constant;
                }
            }
            throw new IllegalArgumentException("must be one of " + names.replace("|", ", "));
        });
    }

    /** The value of the setting {@code key} of {@code definitions} in {@code settings} (or its default). */
    @SuppressWarnings("unchecked")
    public static <T> T valueOf(List<Setting<?>> definitions, String key, Map<String, String> settings) {
        for (Setting<?> setting : definitions) {
            if (setting.key.equals(key)) {
                return (T) setting.value(settings);
            }
        }
        throw new IllegalArgumentException("no setting " + key + " among " + definitions);
    }

    /** The text form of an enum constant in settings. */
    public static String name(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public String key() {
        return key;
    }

    public String type() {
        return type;
    }

    public String defaultValue() {
        return defaultValue;
    }

    public String description() {
        return description;
    }

    /** Whether a change of this setting makes existing state unreadable (else it is a policy). */
    public boolean shapesState() {
        return shapesState;
    }

    /** This setting's value in {@code settings} (trimmed), or the default when absent. */
    public T value(Map<String, String> settings) {
        return value(text(settings));
    }

    /** This setting's text in {@code settings} (trimmed), or the default when absent. */
    public String text(Map<String, String> settings) {
        String value = settings.get(key);
        return value == null ? defaultValue : value.trim();
    }

    /** Reads one value; an invalid one fails naming this key and the value. */
    public T value(String text) {
        try {
            return parser.apply(text);
        } catch (InvalidSettingException e) {
            throw e;
        } catch (NumberFormatException e) {
            throw new InvalidSettingException(key + " must be " + (type.equals("double") ? "a number" : "an integer")
                    + ", got '" + text + "'");
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException(key + "='" + text + "': " + e.getMessage());
        }
    }

    /** One line of a settings listing: key, type, default and description. */
    public String describe() {
        return key + " (" + type + ", default " + (defaultValue.isEmpty() ? "''" : defaultValue) + ")"
                + (shapesState ? " [state]" : "") + ": " + description;
    }

    @Override
    public String toString() {
        return key;
    }
}
