package io.streamcl.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Tests {@link AccuracyTally}: counting, merging and its binary form. */
class AccuracyTallyTest {

    /* 3 of 4 then 5 of 6 in one tally, 2 of 10 in another: merged 10 of 20 = 0.5. */
    @Test
    void countsAndMergesByAddition() {
        AccuracyTally left = new AccuracyTally();
        assertThat(left.accuracy()).isNaN();
        left.add(3, 4);
        left.add(5, 6);
        assertThat(left.accuracy()).isEqualTo(0.8);
        AccuracyTally right = new AccuracyTally();
        right.add(2, 10);
        left.merge(right);
        assertThat(left.correct()).isEqualTo(10);
        assertThat(left.examples()).isEqualTo(20);
        assertThat(left.accuracy()).isEqualTo(0.5);
    }

    @Test
    void rejectsMoreCorrectThanExamples() {
        assertThatThrownBy(() -> new AccuracyTally().add(5, 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("correct must be in [0, examples], got correct=5 examples=4");
    }

    @Test
    void roundTripsAndRejectsUnknownVersions() throws IOException {
        AccuracyTally tally = new AccuracyTally();
        tally.add(7, 9);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        tally.writeTo(new DataOutputStream(bytes));
        AccuracyTally restored =
                AccuracyTally.readFrom(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        assertThat(restored.correct()).isEqualTo(7);
        assertThat(restored.examples()).isEqualTo(9);

        byte[] future = bytes.toByteArray();
        future[3] = 2;
        assertThatThrownBy(() -> AccuracyTally.readFrom(new DataInputStream(new ByteArrayInputStream(future))))
                .isInstanceOf(IOException.class)
                .hasMessage("accuracy tally has format version 2, this build reads 1");
    }
}
