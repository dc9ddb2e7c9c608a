package io.streamcl.core.detect;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Optional;

/**
 * The Page-Hinkley test (E. S. Page, "Continuous inspection schemes", Biometrika 41, 1954), in the fading form of
 * river's {@code drift/page_hinkley.py}: with the running mean
 * {@code m_n = m_{n-1} + (x_n - m_{n-1}) / n}, the upward sum is {@code S_n = max(0, alpha S_{n-1} + x_n - m_n - delta)}
 * and the downward sum the same on {@code m_n - x_n}; a watched sum at or above {@code lambda} once
 * {@code n >= min_instances} is a change, after which the test starts afresh.
 *
 * <p>{@code n} counts the values seen including the current one, as Page's rule is usually stated; river
 * increments a counter that starts at 1 before its check, so it can fire one value earlier (the 29th with the
 * defaults). The onset is the value at which the firing sum last left zero; the baseline is the mean just before it.
 * Memory: two counters and two sums.
 */
public final class PageHinkley implements ChangeDetector {
    static final int FORMAT_VERSION = 1;

    private final PageHinkleyConfig config;
    private final ExcursionPair sums = new ExcursionPair();
    private long count;
    private double mean;

    PageHinkley(PageHinkleyConfig config) {
        this.config = config;
    }

    @Override
    public PageHinkleyConfig config() {
        return config;
    }

    @Override
    public Optional<Detection> update(long step, double value) {
        ChangeDetector.requireFinite(config, step, value);
        double before = count == 0 ? value : mean;
        count++;
        mean += (value - mean) / count;
        sums.up.accumulate(step, config.alpha(), value - mean - config.delta(), before);
        sums.down.accumulate(step, config.alpha(), mean - value - config.delta(), before);
        if (count < config.minInstances()) {
            return Optional.empty();
        }
        Detection detection = sums.crossing(config.watch(), config.lambda(), false, step, value);
        if (detection != null) {
            reset();
        }
        return Optional.ofNullable(detection);
    }

    @Override
    public void reset() {
        count = 0;
        mean = 0.0;
        sums.reset();
    }

    @Override
    public void writeTo(DataOutput out) throws IOException {
        StateFormat.writeHeader(out, PageHinkleyConfig.NAME, FORMAT_VERSION);
        out.writeLong(count);
        out.writeDouble(mean);
        sums.writeTo(out);
    }

    static PageHinkley readFrom(DataInput in, PageHinkleyConfig config) throws IOException {
        StateFormat.readHeader(in, PageHinkleyConfig.NAME, FORMAT_VERSION);
        PageHinkley detector = new PageHinkley(config);
        detector.count = in.readLong();
        detector.mean = in.readDouble();
        detector.sums.readFrom(in);
        return detector;
    }
}
