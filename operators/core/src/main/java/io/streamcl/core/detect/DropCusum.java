package io.streamcl.core.detect;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Optional;

/**
 * Tabular CUSUM (E. S. Page, "Continuous inspection schemes", Biometrika 41, 1954) of
 * standardised departures from a moving baseline, for metrics whose sampling error is known per value (accuracy on a
 * finite held-out set, see {@link EvaluationNoise}). With {@code u_n = (b_{n-1} - x_n) / se_n} (watch down; the
 * mirror for up), {@code S_n = max(0, S_{n-1} + u_n - k)}; a change is {@code S_n >= h} once
 * {@code n >= min_instances}, provided the fast average {@code z} is also at least {@code drop} past the baseline
 * (so that a huge held-out set does not alarm on a drop nobody cares about); then it starts afresh.
 *
 * <p>The baseline is the one {@link EwmaDrop} keeps: {@code b_n = b_{n-1} + max(beta, 1/n) (x_n - b_{n-1})}, or
 * {@code b_n = b_{n-1} + max(follow, 1/n) (z_n - b_{n-1})} while the fast average {@code z} (weight {@code alpha})
 * is past it on the unwatched side, so a learning curve lifts it quickly and a drop lowers it slowly. Departures from
 * river's {@code drift/cusum.py}, deliberate: the reference is this baseline, not a mean frozen after a warm-up
 * (which a learning curve makes meaningless); sigma is not estimated from the stream but combines the caller's
 * standard error of each value with {@code model_noise}, the evaluation-to-evaluation wobble of the true accuracy
 * that SGD noise in the weights adds on top of sampling: {@code sigma = sqrt(se^2 + model_noise^2)}. A sum accumulates evidence over the evaluations of a dip,
 * which an EWMA chart weighs away: at 300 held-out samples it finds a 10-point dip within a few evaluations where
 * the EWMA chart with the same false-alarm rate finds half of them. The onset is the last value with {@code S = 0};
 * the baseline reported is {@code b} there. Memory: four numbers and two sums.
 */
public final class DropCusum implements ChangeDetector {
    static final int FORMAT_VERSION = 1;

    private final DropCusumConfig config;
    private final ExcursionPair sums = new ExcursionPair();
    private long count;
    private double fast;
    private double baseline;

    DropCusum(DropCusumConfig config) {
        this.config = config;
    }

    @Override
    public DropCusumConfig config() {
        return config;
    }

    @Override
    public Optional<Detection> update(long step, double value) {
        return update(step, value, 0.0);
    }

    @Override
    public Optional<Detection> update(long step, double value, double standardError) {
        ChangeDetector.requireFinite(config, step, value);
        count++;
        fast += Math.max(config.alpha(), 1.0 / count) * (value - fast);
        double reference = count == 1 ? value : baseline;
        double sigma = Math.hypot(standardError, config.modelNoise());
        sums.down.accumulate(step, 1.0, (reference - value) / sigma - config.k(), reference);
        sums.up.accumulate(step, 1.0, (value - reference) / sigma - config.k(), reference);
        baseline += improvement() ? Math.max(config.follow(), 1.0 / count) * (fast - baseline)
                : Math.max(config.beta(), 1.0 / count) * (value - baseline);
        if (count < config.minInstances()) {
            return Optional.empty();
        }
        Detection detection = sums.crossing(config.watch(), config.h(), false, step, value);
        if (detection == null || Math.abs(reference - fast) < config.drop()
                || (detection.direction() == Direction.DOWN) != (fast < reference)) {
            return Optional.empty();
        }
        reset();
        return Optional.of(detection);
    }

    /** Whether the fast average lies past the baseline on the side the detector does not watch. */
    private boolean improvement() {
        return switch (config.watch()) {
            case DOWN -> fast > baseline;
            case UP -> fast < baseline;
            case BOTH -> false;
        };
    }

    @Override
    public void reset() {
        count = 0;
        fast = 0.0;
        baseline = 0.0;
        sums.reset();
    }

    @Override
    public void writeTo(DataOutput out) throws IOException {
        StateFormat.writeHeader(out, DropCusumConfig.NAME, FORMAT_VERSION);
        out.writeLong(count);
        out.writeDouble(fast);
        out.writeDouble(baseline);
        sums.writeTo(out);
    }

    static DropCusum readFrom(DataInput in, DropCusumConfig config) throws IOException {
        StateFormat.readHeader(in, DropCusumConfig.NAME, FORMAT_VERSION);
        DropCusum detector = new DropCusum(config);
        detector.count = in.readLong();
        detector.fast = in.readDouble();
        detector.baseline = in.readDouble();
        detector.sums.readFrom(in);
        return detector;
    }
}
