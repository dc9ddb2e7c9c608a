package io.streamcl.core.model;

import java.util.Arrays;
import java.util.Locale;

/**
 * Immutable shape and initialisation of a multi-layer perceptron: input width, hidden widths, output width,
 * hidden activation and the seed of the initial weights.
 */
public record MlpConfig(int inputs, int[] hidden, int outputs, Activation activation, long seed) {

    public MlpConfig {
        require(inputs > 0, "model.inputs", inputs);
        require(outputs > 0, "model.outputs", outputs);
        if (activation == null) {
            throw new IllegalArgumentException("model.activation must be one of " + Arrays.toString(Activation.values()));
        }
        hidden = hidden == null ? new int[0] : hidden.clone();
        for (int width : hidden) {
            require(width > 0, "model.hidden", Arrays.toString(hidden));
        }
    }

    /** Widths of every layer from input to output, e.g. [784, 256, 256, 10]. */
    public int[] widths() {
        int[] widths = new int[hidden.length + 2];
        widths[0] = inputs;
        System.arraycopy(hidden, 0, widths, 1, hidden.length);
        widths[widths.length - 1] = outputs;
        return widths;
    }

    @Override
    public int[] hidden() {
        return hidden.clone();
    }

    /** A canonical text form, stable across runs and JVMs, used for hashing and logs. */
    public String canonical() {
        return String.format(Locale.ROOT, "mlp(widths=%s,activation=%s,seed=%d)",
                Arrays.toString(widths()).replace(" ", ""), activation.name().toLowerCase(Locale.ROOT), seed);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MlpConfig other && canonical().equals(other.canonical());
    }

    @Override
    public int hashCode() {
        return canonical().hashCode();
    }

    @Override
    public String toString() {
        return canonical();
    }

    private static void require(boolean ok, String field, Object value) {
        if (!ok) {
            throw new IllegalArgumentException(field + " must be positive, got " + value);
        }
    }
}
