package io.streamcl.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Tests {@link WindowedChange} by hand, against the O(w^2) reference, for its memory bound and its binary form. */
class WindowedChangeTest {
    private static final double[] ACCURACIES = {0.9, 0.7, 0.8, 0.6, 0.75, 0.5};

    /*
     * n  A_n   window-3 pairs (m in n-2..n-1)     WF^3  | WF^10 (all m < n)   | WP^3 (A_n - min)
     * 0  0.90  -                                  0     | 0                   | 0
     * 1  0.70  0.90-0.70 = 0.20                   0.20  | 0.20                | 0     (0.70-0.90 < 0)
     * 2  0.80  max(0.90,0.70)-0.80 = 0.10         0.20  | 0.20                | 0.10  (0.80-0.70)
     * 3  0.60  max(0.70,0.80)-0.60 = 0.20         0.20  | 0.90-0.60 = 0.30    | 0.10  (0.60-0.70 < 0)
     * 4  0.75  max(0.80,0.60)-0.75 = 0.05         0.20  | 0.30                | 0.15  (0.75-0.60)
     * 5  0.50  max(0.60,0.75)-0.50 = 0.25         0.25  | 0.90-0.50 = 0.40    | 0.15  (0.50-0.60 < 0)
     * The window matters for WF: 0.90 -> 0.50 is five evaluations apart, outside a window of 3.
     */
    @Test
    void matchesTheHandWorkedSequence() {
        double[] forgetting3 = {0, 0.20, 0.20, 0.20, 0.20, 0.25};
        double[] forgetting10 = {0, 0.20, 0.20, 0.30, 0.30, 0.40};
        double[] plasticity3 = {0, 0, 0.10, 0.10, 0.15, 0.15};
        WindowedChange f3 = WindowedChange.forgetting(3);
        WindowedChange f10 = WindowedChange.forgetting(10);
        WindowedChange p3 = WindowedChange.plasticity(3);
        assertThat(f3.value()).isNaN();
        for (int n = 0; n < ACCURACIES.length; n++) {
            f3.add(ACCURACIES[n]);
            f10.add(ACCURACIES[n]);
            p3.add(ACCURACIES[n]);
            assertThat(f3.value()).as("WF^3 after evaluation %d", n).isCloseTo(forgetting3[n], within(1e-12));
            assertThat(f10.value()).as("WF^10 after evaluation %d", n).isCloseTo(forgetting10[n], within(1e-12));
            assertThat(p3.value()).as("WP^3 after evaluation %d", n).isCloseTo(plasticity3[n], within(1e-12));
        }
    }

    @Test
    void equalsTheQuadraticReferenceOnRandomSequences() {
        SplittableRandom random = new SplittableRandom(11);
        for (int window : new int[] {2, 3, 10, 100}) {
            for (int run = 0; run < 20; run++) {
                WindowedChange forgetting = WindowedChange.forgetting(window);
                WindowedChange plasticity = WindowedChange.plasticity(window);
                QuadraticWindowedChange slowForgetting = new QuadraticWindowedChange(window, false);
                QuadraticWindowedChange slowPlasticity = new QuadraticWindowedChange(window, true);
                double accuracy = random.nextDouble();
                for (int n = 0; n < 400; n++) {
                    // A quantised random walk: ties and long monotone runs are the deque's hard cases.
                    accuracy = Math.min(1, Math.max(0, accuracy + (random.nextInt(21) - 10) / 100.0));
                    accuracy = Math.round(accuracy * 20) / 20.0;
                    forgetting.add(accuracy);
                    plasticity.add(accuracy);
                    slowForgetting.add(accuracy);
                    slowPlasticity.add(accuracy);
                    assertThat(forgetting.value()).as("WF^%d, run %d, n %d", window, run, n)
                            .isEqualTo(slowForgetting.value());
                    assertThat(plasticity.value()).as("WP^%d, run %d, n %d", window, run, n)
                            .isEqualTo(slowPlasticity.value());
                }
            }
        }
    }

    @Test
    void holdsAtMostTheWindowOnAnyStream() {
        WindowedChange forgetting = WindowedChange.forgetting(100);
        WindowedChange plasticity = WindowedChange.plasticity(100);
        for (int n = 0; n < 100_000; n++) {
            // A strictly falling sequence keeps every entry in WF's deque, a rising one in WP's.
            forgetting.add(1 - n / 100_000.0);
            plasticity.add(n / 100_000.0);
            assertThat(forgetting.retained()).isLessThanOrEqualTo(100);
            assertThat(plasticity.retained()).isLessThanOrEqualTo(100);
        }
        assertThat(forgetting.retained()).isEqualTo(100);
        assertThat(forgetting.value()).isCloseTo(99 / 100_000.0, within(1e-12));
    }

    @Test
    void roundTripMidStreamContinuesIdentically() throws IOException {
        SplittableRandom random = new SplittableRandom(5);
        WindowedChange original = WindowedChange.forgetting(10);
        for (int n = 0; n < 37; n++) {
            original.add(random.nextDouble());
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        original.writeTo(new DataOutputStream(bytes));
        WindowedChange restored = WindowedChange.readFrom(
                new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), 10, false);
        for (int n = 0; n < 50; n++) {
            double accuracy = random.nextDouble();
            original.add(accuracy);
            restored.add(accuracy);
            assertThat(restored.value()).isEqualTo(original.value());
            assertThat(restored.retained()).isEqualTo(original.retained());
        }
    }

    @Test
    void rejectsWindowsBelowTwo() {
        assertThatThrownBy(() -> WindowedChange.forgetting(1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("window must be at least 2 evaluations, got 1");
    }
}
