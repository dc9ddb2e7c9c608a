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
    };

    /** Negative-side slope of {@link #LEAKY_RELU}, PyTorch's default. */
    public static final float LEAK = 0.01f;

    /** The activation of one pre-activation value. */
    public abstract float apply(float z);

    /** d activation / d z at pre-activation {@code z}. */
    public abstract float derivative(float z);
}
