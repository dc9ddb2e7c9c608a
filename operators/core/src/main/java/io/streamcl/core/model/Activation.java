package io.streamcl.core.model;

/** Hidden-layer nonlinearity of an {@link Mlp}, with its derivative expressed through the pre-activation. */
public enum Activation {
    RELU {
        @Override
        public float apply(float z) {
            return z > 0f ? z : 0f;
        }

        @Override
        public float derivative(float z) {
            return z > 0f ? 1f : 0f;
        }

        @Override
        public double gain() {
            return Math.sqrt(2.0);
        }
    },
    LEAKY_RELU {
        @Override
        public float apply(float z) {
            return z > 0f ? z : LEAK * z;
        }

        @Override
        public float derivative(float z) {
            return z > 0f ? 1f : LEAK;
        }

        @Override
        public double gain() {
            return Math.sqrt(2.0 / (1.0 + (double) LEAK * LEAK));
        }
    },
    TANH {
        @Override
        public float apply(float z) {
            return (float) Math.tanh(z);
        }

        @Override
        public float derivative(float z) {
            float t = (float) Math.tanh(z);
            return 1f - t * t;
        }

        @Override
        public double gain() {
            return 5.0 / 3.0;
        }
    };

    /** Negative-side slope of {@link #LEAKY_RELU}, PyTorch's default. */
    public static final float LEAK = 0.01f;

    /** The activation of one pre-activation value. */
    public abstract float apply(float z);

    /** d activation / d z at pre-activation {@code z}. */
    public abstract float derivative(float z);

    /** The variance-preserving gain of PyTorch's {@code calculate_gain}, used by Kaiming initialisation. */
    public abstract double gain();
}
