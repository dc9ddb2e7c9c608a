package io.streamcl.core.detect;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Optional;

/**
 * Drop from the running best: the largest-drop rule behind windowed forgetting (De Lange, van de Ven and
 * Tuytelaars, "Continual evaluation for lifelong learning: identifying the stability gap", ICLR 2023) applied online to an exponentially smoothed value {@code s_n = s_{n-1} + w_n (x_n - s_{n-1})},
 * {@code w_n = max(alpha, 1/n)}: a change is reported when {@code max(s) - s_n >= drop} (watch down) or
 * {@code s_n - min(s) >= drop} (watch up), extremes taken since the last report, after which it starts afresh.
 *
 * <p>The weight {@code max(alpha, 1/n)} makes the first values a plain mean, so one noisy first value does not
 * linger. The onset is the first value after the best; the baseline is the best. Memory: five numbers.
 */
public final class DropFromBest implements ChangeDetector {
    static final int FORMAT_VERSION = 1;

    private final DropFromBestConfig config;
    private final ExcursionPair gaps = new ExcursionPair();
    private long count;
    private double smoothed;
    private double highest;
    private double lowest;

    DropFromBest(DropFromBestConfig config) {
        this.config = config;
    }

    @Override
    public DropFromBestConfig config() {
        return config;
    }

    @Override
    public Optional<Detection> update(long step, double value) {
        ChangeDetector.requireFinite(config, step, value);
        count++;
        smoothed += Math.max(config.alpha(), 1.0 / count) * (value - smoothed);
        highest = count == 1 ? smoothed : Math.max(highest, smoothed);
        lowest = count == 1 ? smoothed : Math.min(lowest, smoothed);
        gaps.down.track(step, highest - smoothed, highest);
        gaps.up.track(step, smoothed - lowest, lowest);
        Detection detection = gaps.crossing(config.watch(), config.drop(), false, step, value);
        if (detection != null) {
            reset();
        }
        return Optional.ofNullable(detection);
    }

    @Override
    public void reset() {
        count = 0;
        smoothed = 0.0;
        highest = 0.0;
        lowest = 0.0;
        gaps.reset();
    }

    @Override
    public void writeTo(DataOutput out) throws IOException {
        StateFormat.writeHeader(out, DropFromBestConfig.NAME, FORMAT_VERSION);
        out.writeLong(count);
        out.writeDouble(smoothed);
        out.writeDouble(highest);
        out.writeDouble(lowest);
        gaps.writeTo(out);
    }

    static DropFromBest readFrom(DataInput in, DropFromBestConfig config) throws IOException {
        StateFormat.readHeader(in, DropFromBestConfig.NAME, FORMAT_VERSION);
        DropFromBest detector = new DropFromBest(config);
        detector.count = in.readLong();
        detector.smoothed = in.readDouble();
        detector.highest = in.readDouble();
        detector.lowest = in.readDouble();
        detector.gaps.readFrom(in);
        return detector;
    }
}
