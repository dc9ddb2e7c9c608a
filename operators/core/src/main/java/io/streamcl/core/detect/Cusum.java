package io.streamcl.core.detect;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Optional;

/**
 * Tabular two-sided CUSUM (E. S. Page, "Continuous inspection schemes", Biometrika 41, 1954), as river's
 * {@code drift/cusum.py}: the mean {@code mu0} and sample standard deviation
 * {@code sigma} of the first {@code min_instances} values are frozen, then
 * {@code S+ = max(0, S+ + (x - mu0) - k sigma)} and {@code S- = max(0, S- - (x - mu0) - k sigma)}; a watched sum
 * strictly above {@code h sigma} is a change, after which the detector warms up again.
 *
 * <p>As in river, the last warm-up value is also the first one tested. The reference is frozen on purpose: a
 * running mean would chase the very shift being detected. The onset is the value at which the firing sum last left
 * zero; the baseline is {@code mu0}. Memory: a counter, the warm-up mean and squared deviations, two sums.
 */
public final class Cusum implements ChangeDetector {
    static final int FORMAT_VERSION = 1;

    private final CusumConfig config;
    private final ExcursionPair sums = new ExcursionPair();
    private long count;
    private double mean;
    private double squaredDeviations;

    Cusum(CusumConfig config) {
        this.config = config;
    }

    @Override
    public CusumConfig config() {
        return config;
    }

    @Override
    public Optional<Detection> update(long step, double value) {
        ChangeDetector.requireFinite(config, step, value);
        count++;
        if (count <= config.minInstances()) {
            double before = mean;
            mean += (value - mean) / count;
            squaredDeviations += (value - before) * (value - mean);
        }
        if (count < config.minInstances()) {
            return Optional.empty();
        }
        double sigma = sigma();
        double deviation = value - mean;
        sums.up.accumulate(step, 1.0, deviation - config.k() * sigma, mean);
        sums.down.accumulate(step, 1.0, -deviation - config.k() * sigma, mean);
        Detection detection = sums.crossing(config.watch(), config.h() * sigma, true, step, value);
        if (detection != null) {
            reset();
        }
        return Optional.ofNullable(detection);
    }

    /** Sample standard deviation of the warm-up (0 for a single value), floored at {@code sigma_floor}. */
    private double sigma() {
        double variance = config.minInstances() > 1 ? squaredDeviations / (config.minInstances() - 1) : 0.0;
        return Math.max(Math.sqrt(Math.max(variance, 0.0)), config.sigmaFloor());
    }

    @Override
    public void reset() {
        count = 0;
        mean = 0.0;
        squaredDeviations = 0.0;
        sums.reset();
    }

    @Override
    public void writeTo(DataOutput out) throws IOException {
        StateFormat.writeHeader(out, CusumConfig.NAME, FORMAT_VERSION);
        out.writeLong(count);
        out.writeDouble(mean);
        out.writeDouble(squaredDeviations);
        sums.writeTo(out);
    }

    static Cusum readFrom(DataInput in, CusumConfig config) throws IOException {
        StateFormat.readHeader(in, CusumConfig.NAME, FORMAT_VERSION);
        Cusum detector = new Cusum(config);
        detector.count = in.readLong();
        detector.mean = in.readDouble();
        detector.squaredDeviations = in.readDouble();
        detector.sums.readFrom(in);
        return detector;
    }
}
