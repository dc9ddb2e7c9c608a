package io.streamcl.core.optim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Tests {@link Subnormals}: subnormals become zero, normal optimizer-sized values stay exact. */
class SubnormalsTest {

    @Test
    void flushesSubnormalsAndKeepsEverythingElse() {
        assertThat(Subnormals.flush(Float.MIN_VALUE)).isZero();
        assertThat(Subnormals.flush(-Float.MIN_NORMAL / 2)).isZero();
        for (float x : new float[] {1e-20f, -3.5e-12f, 1e-8f, 0.001f, -7f, 1e30f, 0f}) {
            assertThat(Subnormals.flush(x)).isEqualTo(x);
        }
    }
}
