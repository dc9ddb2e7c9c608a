package io.streamcl.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Tests the branch-free activations and derivatives at the edges: zero, the smallest floats, huge values. */
class ActivationTest {

    @Test
    void reluAndItsDerivativeAtTheEdges() {
        assertThat(Activation.RELU.apply(-2f)).isZero();
        assertThat(Activation.RELU.apply(3f)).isEqualTo(3f);
        for (float z : new float[] {0f, -0f, -Float.MIN_VALUE, -1e30f}) {
            assertThat(Activation.RELU.derivative(z)).as("relu'(%s)", z).isZero();
        }
        for (float z : new float[] {Float.MIN_VALUE, 1e-30f, 0.5f, 1e30f, Float.MAX_VALUE}) {
            assertThat(Activation.RELU.derivative(z)).as("relu'(%s)", z).isEqualTo(1f);
        }
    }

    @Test
    void leakyReluAndItsDerivative() {
        assertThat(Activation.LEAKY_RELU.apply(-2f)).isEqualTo(-2f * Activation.LEAK);
        assertThat(Activation.LEAKY_RELU.apply(2f)).isEqualTo(2f);
        assertThat(Activation.LEAKY_RELU.derivative(0f)).isEqualTo(Activation.LEAK);
        assertThat(Activation.LEAKY_RELU.derivative(-5f)).isEqualTo(Activation.LEAK);
        assertThat(Activation.LEAKY_RELU.derivative(Float.MIN_VALUE)).isCloseTo(1f, within(1e-7f));
    }

    @Test
    void tanhDerivativeAndKaimingGains() {
        assertThat(Activation.TANH.derivative(0f)).isEqualTo(1f);
        assertThat(Activation.RELU.gain()).isCloseTo(Math.sqrt(2), within(1e-12));
        assertThat(Activation.TANH.gain()).isCloseTo(5.0 / 3, within(1e-12));
    }
}
