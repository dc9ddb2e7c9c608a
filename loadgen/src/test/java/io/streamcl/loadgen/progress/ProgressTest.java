package io.streamcl.loadgen.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProgressTest {

    @Test
    void etaFollowsTheMeanRate() {
        Progress p = new Progress(1_000, 850_000, 5_000, Duration.ofSeconds(2), null);

        assertThat(p.rate()).isEqualTo(500.0);
        assertThat(p.eta()).contains(Duration.ofSeconds(8));
        assertThat(p.fraction()).contains(0.2);
    }

    @Test
    void etaIsTheEarlierOfCountAndTimeLimit() {
        Progress p = new Progress(1_000, 0, 5_000, Duration.ofSeconds(2), Duration.ofSeconds(5));

        assertThat(p.eta()).contains(Duration.ofSeconds(3));
    }

    @Test
    void noEtaWithoutATotalOrTimeLimit() {
        assertThat(new Progress(1_000, 0, -1, Duration.ofSeconds(2), null).eta()).isEmpty();
    }

    @Test
    void printerShowsCountPercentageRateAndEta() {
        Progress p = new Progress(12_000, 10_200_000, 60_000, Duration.ofSeconds(3), null);

        assertThat(ProgressPrinter.to(System.out).line(p))
                .isEqualTo("loadgen: 12,000 / 60,000 examples (20.0%) | 4,000 ex/s | 3.4 MB/s | elapsed 00:03 | ETA 00:12");
    }

    @Test
    void reportSummarisesThroughput() {
        ThroughputReport r = new ThroughputReport(50_000, 42_500_000, Duration.ofMillis(2_500), false);

        assertThat(r.examplesPerSecond()).isEqualTo(20_000.0);
        assertThat(r).hasToString("50,000 examples (42.5 MB, 850 B each) in 2.50 s: 20,000 examples/s, 17.0 MB/s");
    }
}
