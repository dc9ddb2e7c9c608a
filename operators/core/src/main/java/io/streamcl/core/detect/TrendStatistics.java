package io.streamcl.core.detect;

import java.util.Arrays;

/**
 * Trend tests on a short series in time order: the Mann-Kendall statistic (the rank trend score behind Kendall's
 * tau that Boettiger and Hastings use for early-warning indicators) and the Theil-Sen
 * line, both robust to a single outlying value. O(n^2) time, meant for windows of tens of values.
 */
final class TrendStatistics {
    private TrendStatistics() {}

    /**
     * The normal score of Mann-Kendall's {@code S = sum_{i<j} sign(x_j - x_i)} under "no trend", with continuity
     * correction: {@code (S - sign(S)) / sqrt(n (n - 1) (2n + 5) / 18)}. Ties are not corrected for; they only make
     * the score slightly conservative.
     */
    static double mannKendallZ(double[] x) {
        int n = x.length;
        long s = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                s += Long.signum(Double.compare(x[j], x[i]));
            }
        }
        double variance = n * (n - 1.0) * (2.0 * n + 5) / 18.0;
        return variance == 0 ? 0.0 : (s - Long.signum(s)) / Math.sqrt(variance);
    }

    /** The Theil-Sen slope per index step: the median of {@code (x_j - x_i) / (j - i)} over all {@code i < j}. */
    static double theilSenSlope(double[] x) {
        int n = x.length;
        double[] slopes = new double[n * (n - 1) / 2];
        int k = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                slopes[k++] = (x[j] - x[i]) / (j - i);
            }
        }
        return median(slopes);
    }

    /** The Theil-Sen line's value at index 0: the median of {@code x_i - slope * i}. */
    static double theilSenIntercept(double[] x, double slope) {
        double[] residuals = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            residuals[i] = x[i] - slope * i;
        }
        return median(residuals);
    }

    private static double median(double[] values) {
        if (values.length == 0) {
            return 0.0;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
