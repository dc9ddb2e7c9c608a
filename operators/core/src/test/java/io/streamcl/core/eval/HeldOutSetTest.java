package io.streamcl.core.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamcl.core.state.Features;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
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
            float[] features = set.features();
            for (int r = 0; r < capacity; r++) {
                int value = (int) features[r];
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
        HeldOutSet restored = HeldOutSet.readFrom(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), 7, 3);
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
        assertThat(set.rows().allocated()).isEqualTo(16);
        for (int i = 1; i < 40; i++) {
            set.offer(new float[] {i, -i}, i % 3);
        }
        assertThat(set.rows().allocated()).isEqualTo(64);
        assertThat(set.features()[2 * 39]).as("rows kept in order while filling").isEqualTo(39);
        assertThat(set.label(39)).isEqualTo(0);
        for (int i = 40; i < 1000; i++) {
            set.offer(new float[] {i, -i}, i % 3);
        }
        assertThat(set.rows().allocated()).isEqualTo(100);
        assertThat(set.size()).isEqualTo(100);
    }

    @Test
    void keepsQuantizedRowsAsEightBitUntilADenseRowArrives() throws IOException {
        HeldOutSet set = new HeldOutSet(0, 50, 3, 1);
        for (int i = 0; i < 40; i++) {
            set.offer(Features.quantized(new byte[] {(byte) i, (byte) 200, 0}, 0.25f, i), i % 3);
        }
        assertThat(set.rows().quantized()).isTrue();
        assertThat(set.rows().bytes()).as("50 rows (the capacity) of 3 bytes, scale, offset, label").isEqualTo(50 * (3 + 12));
        float[] eightBit = set.features();
        assertThat(eightBit[3 * 5]).isEqualTo(5 + 0.25f * 5);
        assertThat(eightBit[3 * 5 + 1]).isEqualTo(5 + 0.25f * 200);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        set.writeTo(new DataOutputStream(bytes));
        assertThat(bytes.size()).as("8-bit rows in state").isLessThan(40 * (3 + 12) + 64);
        HeldOutSet restored = HeldOutSet.readFrom(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), 1, 3);
        assertThat(restored.rows().quantized()).isTrue();
        assertThat(restored.features()).containsExactly(eightBit);
        restored.offer(new float[] {-1, -2, -3}, 2);
        assertThat(restored.rows().quantized()).as("a dense row ends the 8-bit form").isFalse();
        assertThat(Arrays.copyOf(restored.features(), 40 * 3)).containsExactly(eightBit);
    }

    @Test
    void readsTheFloatRowsOfEarlierStateVersions() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(4);
        out.writeInt(10);
        out.writeInt(2);
        out.writeInt(2);
        out.writeLong(2);
        for (int r = 0; r < 2; r++) {
            out.writeInt(r + 1);
            out.writeFloat(r);
            out.writeFloat(-r - 0.5f);
        }
        HeldOutSet set = HeldOutSet.readFrom(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), 1, 2);
        assertThat(set.taskId()).isEqualTo(4);
        assertThat(set.features()).containsExactly(0f, -0.5f, 1f, -1.5f);
        assertThat(set.label(1)).isEqualTo(2);
    }

    private static HeldOutSet filled(long seed) {
        HeldOutSet set = new HeldOutSet(0, 20, 2, seed);
        for (int i = 0; i < 300; i++) {
            set.offer(new float[] {i, -i}, i % 3);
        }
        return set;
    }
}
