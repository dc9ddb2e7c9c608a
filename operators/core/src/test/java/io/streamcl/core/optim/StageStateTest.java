package io.streamcl.core.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Tests {@link StageState}'s binary form. */
class StageStateTest {

    @Test
    void roundTripsEveryKindOfArrayAndCounter() throws IOException {
        StageState state = new StageState();
        state.putFloats("m", new float[] {1.5f, -2f});
        state.putInts("age", new int[] {3, 0, 7});
        state.putDoubles("accumulator", new double[] {0.25});
        state.setCounter("step", 42);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        state.writeTo(new DataOutputStream(bytes));
        StageState read = StageState.readFrom(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        assertThat(read.floats("m")).containsExactly(1.5f, -2f);
        assertThat(read.ints("age")).containsExactly(3, 0, 7);
        assertThat(read.doubles("accumulator")).containsExactly(0.25);
        assertThat(read.counter("step")).isEqualTo(42);
        assertThatThrownBy(() -> read.floats("v")).hasMessageContaining("'v'");
    }

    @Test
    void rejectsUnknownVersions() {
        byte[] bytes = {0, 0, 0, 9};
        assertThatThrownBy(() -> StageState.readFrom(new DataInputStream(new ByteArrayInputStream(bytes))))
                .isInstanceOf(IOException.class)
                .hasMessage("stage state has format version 9, this build reads 1");
    }
}
