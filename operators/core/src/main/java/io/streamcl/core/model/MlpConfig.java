package io.streamcl.core.model;

import java.util.Arrays;
import java.util.Locale;

/**
 * Immutable shape and initialisation of a multi-layer perceptron: input width, hidden widths, output width,
 * hidden activation, whether each hidden layer is followed by LayerNorm, the loss, the init scheme and the seed.
 */
public record MlpConfig(
        int inputs, int[] hidden, int outputs, Activation activation, boolean layerNorm, Loss loss, InitScheme init,
        long seed) {

    public MlpConfig {
        require(inputs > 0, "model.inputs", inputs);
        require(outputs > 0, "model.outputs", outputs);
        requireSet(activation, "model.activation", Activation.values());
        requireSet(loss, "model.loss", Loss.values());
        requireSet(init, "model.init", InitScheme.values());
        hidden = hidden == null ? new int[0] : hidden.clone();
        for (int width : hidden) {
            require(width > 0, "model.hidden", Arrays.toString(hidden));
        }
    }

    /** A classifier without LayerNorm, Kaiming-uniform initialised: the common case. */
    public MlpConfig(int inputs, int[] hidden, int outputs, Activation activation, long seed) {
        this(inputs, hidden, outputs, activation, false, Loss.SOFTMAX_CROSS_ENTROPY, InitScheme.KAIMING_UNIFORM, seed);
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

    /** Whether this is a classifier (softmax cross-entropy) rather than a regressor. */
    public boolean classifies() {
        return loss == Loss.SOFTMAX_CROSS_ENTROPY;
    }

    /** Half-width of the uniform distribution layer {@code l}'s weights are drawn from (at init and re-init). */
    public double initBound(int l) {
        int[] widths = widths();
        boolean output = l == widths.length - 2;
        return init.bound(widths[l], output ? 1.0 : activation.gain());
    }

    /** A canonical text form, stable across runs and JVMs, used for hashing and logs. */
    public String canonical() {
        return String.format(Locale.ROOT, "mlp(widths=%s,activation=%s,layer_norm=%s,loss=%s,init=%s,seed=%d)",
                Arrays.toString(widths()).replace(" ", ""), lower(activation), layerNorm, lower(loss), lower(init),
                seed);
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

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    private static void require(boolean ok, String field, Object value) {
        if (!ok) {
            throw new IllegalArgumentException(field + " must be positive, got " + value);
        }
    }

    private static void requireSet(Object value, String field, Object[] choices) {
        if (value == null) {
            throw new IllegalArgumentException(field + " must be one of " + Arrays.toString(choices));
        }
    }
}
