package io.streamcl.core.model;

/**
 * How the weights of a layer are drawn at initialisation, and again whenever a unit is re-initialised (continual
 * backprop, ReDo): uniform on {@code [-bound, bound]}, biases zero.
 */
public enum InitScheme {
    /** He et al. 2015: {@code bound = gain * sqrt(3 / fan_in)}, gain of the hidden activation (1 for the output). */
    KAIMING_UNIFORM,
    /** LeCun et al. 1998: {@code bound = sqrt(3 / fan_in)}, variance {@code 1 / fan_in}. */
    LECUN_UNIFORM;

    /** Half-width of the uniform distribution for a layer with {@code fanIn} inputs and activation gain {@code gain}. */
    public double bound(int fanIn, double gain) {
        double unit = Math.sqrt(3.0 / fanIn);
        return this == KAIMING_UNIFORM ? gain * unit : unit;
    }
}
