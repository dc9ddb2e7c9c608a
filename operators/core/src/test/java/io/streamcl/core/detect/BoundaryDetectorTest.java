package io.streamcl.core.detect;

import static io.streamcl.core.detect.DetectorRun.concat;
import static io.streamcl.core.detect.DetectorRun.repeat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tests {@link BoundaryDetector}. */
class BoundaryDetectorTest {
    /** The ADWIN of {@link AdwinTest}, which cuts when six equal values are followed by one 10 higher. */
    private static final AdwinConfig ADWIN = new AdwinConfig(0.5, 1, 10, 1, 0, Watch.BOTH);

    static List<Boundary> feed(BoundaryDetector detector, double... losses) {
        List<Boundary> boundaries = new ArrayList<>();
        for (int i = 0; i < losses.length; i++) {
            detector.update(i, losses[i]).ifPresent(boundaries::add);
        }
        return boundaries;
    }

    // On the log scale, six losses of e^0 = 1 then e^10 are AdwinTest's vector: a cut at index 6, onset 6,
    // reference mean ln-loss 0, so the loss before is e^0 = 1.
    @Test
    void aMultiplicativeJumpIsABoundary() {
        BoundaryDetector detector = BoundaryDetector.create(new BoundaryDetectorConfig(ADWIN, true, 3));
        List<Boundary> boundaries = feed(detector, concat(repeat(1, 6), new double[] {Math.exp(10)}));
        assertThat(boundaries).hasSize(1);
        assertThat(boundaries.get(0).step()).isEqualTo(6);
        assertThat(boundaries.get(0).onsetStep()).isEqualTo(6);
        assertThat(boundaries.get(0).lossBefore()).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void aFallingLossIsNoBoundary() {
        BoundaryDetector detector = BoundaryDetector.create(new BoundaryDetectorConfig(ADWIN, true, 3));
        assertThat(feed(detector, concat(repeat(Math.exp(10), 6), new double[] {1}))).isEmpty();
    }

    // The cut comes at the 7th value, but a segment must be 8 updates long.
    @Test
    void noBoundaryWithinMinSegment() {
        BoundaryDetector detector = BoundaryDetector.create(new BoundaryDetectorConfig(ADWIN, true, 8));
        assertThat(feed(detector, concat(repeat(1, 6), new double[] {Math.exp(10)}))).isEmpty();
    }

    @Test
    void skipsLossesWithoutALogarithm() {
        BoundaryDetector detector = BoundaryDetector.create(new BoundaryDetectorConfig(ADWIN, true, 3));
        assertThat(feed(detector, 1, 1, 0, 1, Double.NaN, 1, 1, 1, Math.exp(10))).extracting(Boundary::step)
                .containsExactly(8L);
    }

    @Test
    void defaultsFindTaskSwitchesInSyntheticLossesAndNothingElse() {
        SyntheticLossStreams losses = new SyntheticLossStreams(42);
        for (double factor : new double[] {2, 10}) {
            for (int trial = 0; trial < 20; trial++) {
                LabeledStream stream = losses.taskSwitch(factor);
                List<Boundary> found = feed(BoundaryDetector.create(BoundaryDetectorConfig.defaults()), stream.values());
                assertThat(found).as("x%s trial %d", factor, trial).isNotEmpty();
                assertThat(found.get(0).step()).isBetween((long) stream.onset(), (long) stream.end());
            }
        }
        LabeledStream longTask = losses.curve(0.1, 1000, 20_000);
        assertThat(feed(BoundaryDetector.create(BoundaryDetectorConfig.defaults()), longTask.values())).isEmpty();
    }

    @Test
    void stateRoundTrip() throws IOException {
        BoundaryDetectorConfig config = new BoundaryDetectorConfig(ADWIN, true, 3);
        BoundaryDetector original = BoundaryDetector.create(config);
        feed(original, repeat(1, 6));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        original.writeTo(new DataOutputStream(bytes));
        BoundaryDetector restored = BoundaryDetector.readFrom(
                new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), config);
        assertThat(restored.update(6, Math.exp(10))).isEqualTo(original.update(6, Math.exp(10))).isPresent();
    }

    @Test
    void configNeedsADetectorThatSeesRises() {
        assertThatThrownBy(() -> new BoundaryDetectorConfig(AccuracyDefaults.ewmaDrop(), true, 100))
                .hasMessageStartingWith("boundary.detector must watch up or both, got ewma-drop(");
    }
}
