package io.streamcl.core.model;

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
        for (float g : new float[] {0.002f, -0.5f, 3f, 0f}) {
            assertThat(Subnormals.flushTiny(g)).isEqualTo(g);
        }
        assertThat(Subnormals.flushTiny(1e-18f)).isZero();
        float small = Subnormals.flushTiny(3e-12f);
        assertThat(small).isCloseTo(3e-12f, org.assertj.core.data.Offset.offset(3e-17f));
        assertThat(1e-4f * small * small).isGreaterThanOrEqualTo(Float.MIN_NORMAL);
    }
}
