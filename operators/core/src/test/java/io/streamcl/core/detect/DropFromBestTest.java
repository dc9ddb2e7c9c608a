package io.streamcl.core.detect;

import static io.streamcl.core.detect.DetectorRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Tests {@link DropFromBest} on hand-computed vectors. */
class DropFromBestTest {

    // alpha = 1 compares raw values. Best 0.8 at index 1; gaps 0.05 (index 2, onset), 0.08, 0.11 >= 0.1 at index 4.
    @Test
    void rawDropFromTheRunningMaximum() {
        DropFromBestConfig config = new DropFromBestConfig(0.1, 1, Watch.DOWN);
        assertThat(run(config.create(), 0.5, 0.8, 0.75, 0.72, 0.69))
                .containsExactly(new Detection(Direction.DOWN, 4, 2, 0.8, 0.69));
    }

    // alpha = 0.5, weights max(0.5, 1/n): s = 0.8 (w 1), 0.8 (w 0.5), 0.7 (gap 0.1, onset 2), 0.65 (gap 0.15 >= 0.14).
    @Test
    void smoothedDropFromTheRunningMaximum() {
        DropFromBestConfig config = new DropFromBestConfig(0.14, 0.5, Watch.DOWN);
        assertThat(run(config.create(), 0.8, 0.8, 0.6, 0.6))
                .containsExactly(new Detection(Direction.DOWN, 3, 2, 0.8, 0.6));
    }

    // For a loss, best is the running minimum: lowest 0.5 at index 1; gaps 0.05 (onset 2) then 0.2 >= 0.15.
    @Test
    void watchUpIsARiseAboveTheRunningMinimum() {
        DropFromBestConfig config = new DropFromBestConfig(0.15, 1, Watch.UP);
        assertThat(run(config.create(), 1.0, 0.5, 0.55, 0.7))
                .containsExactly(new Detection(Direction.UP, 3, 2, 0.5, 0.7));
    }

    @Test
    void aRisingCurveNeverDropsAndANewBestRestartsTheExcursion() {
        DropFromBestConfig config = new DropFromBestConfig(0.1, 1, Watch.DOWN);
        // 0.9 - 0.82 = 0.08 < 0.1, then a new best 0.95 resets the onset: the drop to 0.84 (0.11) starts at index 4.
        assertThat(run(config.create(), 0.5, 0.6, 0.9, 0.82, 0.95, 0.9, 0.84))
                .containsExactly(new Detection(Direction.DOWN, 6, 5, 0.95, 0.84));
    }
}
