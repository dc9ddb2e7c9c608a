package io.streamcl.core.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Tests {@link ExponentialHistogram} against plain statistics of the values it summarises. */
class ExponentialHistogramTest {

    @Test
    void summaryMatchesTheRawValuesAndMemoryStaysLogarithmic() {
        ExponentialHistogram h = new ExponentialHistogram(2);
        double[] values = new SplittableRandom(3).doubles(5000).toArray();
        for (int i = 0; i < values.length; i++) {
            h.add(i, values[i]);
        }
        assertThat(h.width()).isEqualTo(5000);
        assertThat(h.total()).isCloseTo(Arrays.stream(values).sum(), within(1e-9));
        assertThat(h.variance()).isCloseTo(variance(values, 0), within(1e-12));
        // 5000 < 2^13: at most 13 rows of at most 2 buckets.
        assertThat(h.rowCount()).isLessThanOrEqualTo(13);
        long buckets = 0;
        long covered = 0;
        for (int r = 0; r < h.rowCount(); r++) {
            assertThat(h.bucketCount(r)).isBetween(1, 2);
            buckets += h.bucketCount(r);
            covered += h.bucketCount(r) * ExponentialHistogram.size(r);
        }
        assertThat(covered).isEqualTo(5000);
        assertThat(buckets).isLessThanOrEqualTo(26);
    }

    @Test
    void removingTheOldestBucketLeavesTheStatisticsOfTheNewerValues() {
        ExponentialHistogram h = new ExponentialHistogram(3);
        double[] values = new SplittableRandom(5).doubles(1000).toArray();
        for (int i = 0; i < values.length; i++) {
            h.add(i, values[i]);
        }
        int removed = 0;
        for (int k = 0; k < 4; k++) {
            removed += (int) h.removeOldest();
        }
        assertThat(h.width()).isEqualTo(1000 - removed);
        assertThat(h.variance()).isCloseTo(variance(values, removed), within(1e-12));
        assertThat(h.bucketFirstStep(h.rowCount() - 1, 0)).isEqualTo(removed);
    }

    private static double variance(double[] values, int from) {
        double mean = Arrays.stream(values, from, values.length).average().orElseThrow();
        return Arrays.stream(values, from, values.length).map(v -> (v - mean) * (v - mean)).sum() / (values.length - from);
    }
}
