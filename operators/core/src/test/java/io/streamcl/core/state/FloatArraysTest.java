package io.streamcl.core.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Tests {@link FloatArrays}: the bytes of one writeFloat per value, across chunk boundaries, and back. */
class FloatArraysTest {

    @Test
    void writesTheBytesOfOneWriteFloatPerValueAndReadsThemBack() throws IOException {
        SplittableRandom random = new SplittableRandom(3);
        float[] values = new float[40_000];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        values[7] = Float.NaN;
        values[8] = Float.NEGATIVE_INFINITY;
        values[9] = -0.0f;
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        DataOutputStream one = new DataOutputStream(expected);
        for (int i = 5; i < 5 + 35_000; i++) {
            one.writeFloat(values[i]);
        }
        ByteArrayOutputStream bulk = new ByteArrayOutputStream();
        FloatArrays.write(new DataOutputStream(bulk), values, 5, 35_000);
        assertThat(bulk.toByteArray()).isEqualTo(expected.toByteArray());

        float[] read = new float[35_010];
        FloatArrays.read(new DataInputStream(new ByteArrayInputStream(bulk.toByteArray())), read, 10, 35_000);
        for (int i = 0; i < 35_000; i++) {
            assertThat(Float.floatToRawIntBits(read[10 + i])).isEqualTo(Float.floatToRawIntBits(values[5 + i]));
        }
        assertThat(read[9]).isZero();
    }
}
