package io.streamcl.core.detect;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Optional;

/**
 * Drop from an EWMA baseline: an EWMA control chart (S. W. Roberts, "Control chart tests based on geometric moving
 * averages", Technometrics 1, 1959) whose centre line is itself a slow EWMA. The chart
 * statistic {@code z_n = z_{n-1} + a_n (x_n - z_{n-1})} is compared with the baseline {@code b_{n-1}} from before
 * the value, then {@code b_n = b_{n-1} + c_n (x_n - b_{n-1})}, with {@code a_n = max(alpha, 1/n)} and
 * {@code c_n = max(beta, 1/n)}; {@code b_{n-1} - z_n >= drop} (watch down) or {@code z_n - b_{n-1} >= drop}
 * (watch up) once {@code n >= min_instances} is a change, after which it starts afresh.
 *
 * <p>Two deliberate departures from the textbook chart (and from river's {@code drift/ewma.py}, which compares
 * {@code z} with the running mean and scales its limit by an EW standard deviation): the baseline moves, so a slow
 * learning curve is followed instead of alarmed on; and the limit is absolute, in the metric's units ("4 points of
 * accuracy"), which is what an operator sets and what the lifecycle reports as depth. The sigma-scaled reading is
 * covered by {@link Cusum}. The onset is the first value of the current run with {@code z} past the baseline; the
 * baseline reported is {@code b} at that onset. Memory: three numbers and two gaps.
 */
public final class EwmaDrop implements ChangeDetector {
    static final int FORMAT_VERSION = 1;

    private final EwmaDropConfig config;
    private final ExcursionPair gaps = new ExcursionPair();
    private long count;
    private double fast;
    private double baseline;

    EwmaDrop(EwmaDropConfig config) {
        this.config = config;
    }

    @Override
    public EwmaDropConfig config() {
        return config;
    }

    @Override
    public Optional<Detection> update(long step, double value) {
        ChangeDetector.requireFinite(config, step, value);
        count++;
        fast += Math.max(config.alpha(), 1.0 / count) * (value - fast);
        double reference = count == 1 ? value : baseline;
        gaps.down.track(step, reference - fast, reference);
        gaps.up.track(step, fast - reference, reference);
        baseline += Math.max(config.beta(), 1.0 / count) * (value - baseline);
        if (count < config.minInstances()) {
            return Optional.empty();
        }
        Detection detection = gaps.crossing(config.watch(), config.drop(), false, step, value);
        if (detection != null) {
            reset();
        }
        return Optional.ofNullable(detection);
    }

    @Override
    public void reset() {
        count = 0;
        fast = 0.0;
        baseline = 0.0;
        gaps.reset();
    }

    @Override
    public void writeTo(DataOutput out) throws IOException {
        StateFormat.writeHeader(out, EwmaDropConfig.NAME, FORMAT_VERSION);
        out.writeLong(count);
        out.writeDouble(fast);
        out.writeDouble(baseline);
        gaps.writeTo(out);
    }

    static EwmaDrop readFrom(DataInput in, EwmaDropConfig config) throws IOException {
        StateFormat.readHeader(in, EwmaDropConfig.NAME, FORMAT_VERSION);
        EwmaDrop detector = new EwmaDrop(config);
        detector.count = in.readLong();
        detector.fast = in.readDouble();
        detector.baseline = in.readDouble();
        detector.gaps.readFrom(in);
        return detector;
    }
}
