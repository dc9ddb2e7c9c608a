package io.streamcl.core.detect;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Optional;

/**
 * ADWIN, adaptive windowing (A. Bifet and R. Gavaldà, "Learning from time-changing data with adaptive windowing",
 * SDM 2007), following river's {@code drift/adwin_c.pyx}. Every {@code clock} values,
 * once the window holds more than {@code grace_period}, each cut of the window into an older part W0 and a newer
 * part W1 along bucket boundaries, both at least {@code min_window} long, is tested; while some cut has
 * {@code |mean(W0) - mean(W1)| > eps_cut} the oldest bucket is dropped and the scan repeats, with
 * {@code delta' = ln(2 ln|W| / delta)}, {@code 1/m = 1/(n0 - min_window + 1) + 1/(n1 - min_window + 1)} and
 * {@code eps_cut = sqrt(2 (1/m) var(W) delta') + (2/3) delta' (1/m)}, {@code var(W)} the window's variance.
 *
 * <p>Two deliberate differences from river. The 2/3 is a real 2/3, as in the paper and MOA (integer division
 * would make it 0). And every bucket boundary is a candidate cut, as in the paper and MOA:
 * river's loop {@code range(current_idx - 1)} skips the newest bucket of each row, so its W1 also holds buckets it
 * never moved to W0.
 *
 * <p>A shrink is a change in the direction of {@code mean(W1) - mean(W0)} at the first cut found; it is reported
 * when watched, with W0's mean as baseline and W1's first step as onset. The window is not cleared afterwards:
 * dropping the stale part is ADWIN's own reset. Memory is O(log W), see {@link ExponentialHistogram}.
 */
public final class Adwin implements ChangeDetector {
    static final int FORMAT_VERSION = 1;

    private final AdwinConfig config;
    private final ExponentialHistogram window;
    private long tick;

    Adwin(AdwinConfig config) {
        this.config = config;
        this.window = new ExponentialHistogram(config.maxBuckets());
    }

    @Override
    public AdwinConfig config() {
        return config;
    }

    @Override
    public Optional<Detection> update(long step, double value) {
        ChangeDetector.requireFinite(config, step, value);
        window.add(step, value);
        tick++;
        if (tick % config.clock() != 0 || window.width() <= config.gracePeriod()) {
            return Optional.empty();
        }
        Detection first = null;
        for (Detection cut = findCut(step, value); cut != null; cut = findCut(step, value)) {
            first = first == null ? cut : first;
            window.removeOldest();
        }
        return first != null && config.watch().includes(first.direction()) ? Optional.of(first) : Optional.empty();
    }

    /** The oldest cut whose two sides differ by more than eps_cut, or null. */
    private Detection findCut(long step, double value) {
        long n0 = 0;
        long n1 = window.width();
        double u0 = 0.0;
        double u1 = window.total();
        for (int r = window.rowCount() - 1; r >= 0; r--) {
            for (int b = 0; b < window.bucketCount(r); b++) {
                double u = window.bucketTotal(r, b);
                n0 += ExponentialHistogram.size(r);
                n1 -= ExponentialHistogram.size(r);
                u0 += u;
                u1 -= u;
                if (n1 == 0) {
                    return null;
                }
                double mean0 = u0 / n0;
                double mean1 = u1 / n1;
                if (n0 >= config.minWindow() && n1 >= config.minWindow()
                        && Math.abs(mean0 - mean1) > epsilonCut(n0, n1)) {
                    Direction direction = mean1 > mean0 ? Direction.UP : Direction.DOWN;
                    return new Detection(direction, step, firstStepAfter(r, b), mean0, value);
                }
            }
        }
        return null;
    }

    private double epsilonCut(long n0, long n1) {
        double deltaPrime = Math.log(2 * Math.log(window.width()) / config.delta());
        double mInverse = 1.0 / (n0 - config.minWindow() + 1) + 1.0 / (n1 - config.minWindow() + 1);
        return Math.sqrt(2 * mInverse * window.variance() * deltaPrime) + 2.0 / 3.0 * deltaPrime * mInverse;
    }

    /** First step of the bucket after bucket {@code b} of row {@code r} in age order (it exists: W1 is not empty). */
    private long firstStepAfter(int r, int b) {
        return b + 1 < window.bucketCount(r) ? window.bucketFirstStep(r, b + 1) : window.bucketFirstStep(r - 1, 0);
    }

    /** Number of values in the current window. */
    public long width() {
        return window.width();
    }

    @Override
    public void reset() {
        window.clear();
        tick = 0;
    }

    @Override
    public void writeTo(DataOutput out) throws IOException {
        StateFormat.writeHeader(out, AdwinConfig.NAME, FORMAT_VERSION);
        out.writeLong(tick);
        window.writeTo(out);
    }

    static Adwin readFrom(DataInput in, AdwinConfig config) throws IOException {
        StateFormat.readHeader(in, AdwinConfig.NAME, FORMAT_VERSION);
        Adwin detector = new Adwin(config);
        detector.tick = in.readLong();
        detector.window.readFrom(in);
        return detector;
    }
}
