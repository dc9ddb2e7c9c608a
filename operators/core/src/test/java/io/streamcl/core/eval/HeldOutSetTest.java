package io.streamcl.core.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Tests {@link HeldOutSet}: bounded, uniform over everything offered, reproducible, round-trips. */
class HeldOutSetTest {

    @Test
    void keepsCapacityAndSamplesUniformlyOverALongTask() {
        int capacity = 100;
        int offers = 10_000;
        int[] keptPerDecile = new int[10];
        for (long seed = 0; seed < 50; seed++) {
            HeldOutSet set = new HeldOutSet(3, capacity, 1, seed);
            for (int i = 0; i < offers; i++) {
                set.offer(new float[] {i}, i % 7);
            }
            assertThat(set.size()).isEqualTo(capacity);
            assertThat(set.offered()).isEqualTo(offers);
            for (int r = 0; r < capacity; r++) {
                int value = (int) set.features()[r];
                assertThat(set.label(r)).isEqualTo(value % 7);
                keptPerDecile[value * 10 / offers]++;
            }
        }
        // 50 sets x 100 kept = 5000 draws, 500 expected per decile; binomial sd ~21, allow ~5 sd.
        for (int count : keptPerDecile) {
            assertThat(count).isBetween(395, 605);
        }
    }

    @Test
    void equalSeedsKeepEqualSamplesAndStateRoundTrips() throws IOException {
        HeldOutSet a = filled(7);
        HeldOutSet b = filled(7);
        assertThat(a.features()).containsExactly(b.features());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        a.writeTo(new DataOutputStream(bytes));
        HeldOutSet restored = HeldOutSet.readFrom(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), 7);
        for (int i = 0; i < 500; i++) {
            a.offer(new float[] {-i, i}, 1);
            restored.offer(new float[] {-i, i}, 1);
        }
        assertThat(restored.features()).containsExactly(a.features());
        assertThat(restored.offered()).isEqualTo(a.offered());
    }

    @Test
    void allocatesRowsAsItFills() {
        HeldOutSet set = new HeldOutSet(0, 100, 2, 3);
        set.offer(new float[] {0, 0}, 0);
        assertThat(set.features()).hasSize(16 * 2);
        for (int i = 1; i < 40; i++) {
            set.offer(new float[] {i, -i}, i % 3);
        }
        assertThat(set.features()).hasSize(64 * 2);
        assertThat(set.features()[2 * 39]).as("rows kept in order while filling").isEqualTo(39);
        assertThat(set.label(39)).isEqualTo(0);
        for (int i = 40; i < 1000; i++) {
            set.offer(new float[] {i, -i}, i % 3);
        }
        assertThat(set.features()).hasSize(100 * 2);
        assertThat(set.size()).isEqualTo(100);
    }

    private static HeldOutSet filled(long seed) {
        HeldOutSet set = new HeldOutSet(0, 20, 2, seed);
        for (int i = 0; i < 300; i++) {
            set.offer(new float[] {i, -i}, i % 3);
        }
        return set;
    }
}
