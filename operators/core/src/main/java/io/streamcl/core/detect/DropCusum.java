package io.streamcl.core.detect;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import java.util.Optional;

/**
 * Tabular CUSUM (E. S. Page, "Continuous inspection schemes", Biometrika 41, 1954) of
 * standardised departures from a delayed moving baseline, for metrics whose sampling error is known per value
 * (accuracy on a finite held-out set, see {@link EvaluationNoise}). With {@code u_n = (b_{n-1} - x_n) / sigma_n}
 * (watch down; the mirror for up), {@code S_n = max(0, S_{n-1} + u_n - k)}; a change is {@code S_n >= h} once
 * {@code n >= min_instances}, provided the fast average {@code z} (weight {@code alpha}) is also at least
 * {@code drop} past the baseline (so that a huge held-out set does not alarm on a drop nobody cares about); then it
 * starts afresh.
 *
 * <p>The baseline is an EWMA (weight {@code max(beta, 1/m)} over its m values) of the values {@code delay}
 * evaluations old: {@code b_n = b_{n-1} + max(beta, 1/m) (x_{n-delay} - b_{n-1})}. It is symmetric, so noise does
 * not bias it either way, fast enough to follow a learning curve, and the delay keeps a dip's first evaluations out
 * of the reference they are tested against (a baseline that takes in the dip at once raises its own floor). Sigma
 * combines the caller's standard error of each value with the baseline's own ({@code se^2 beta / (2 - beta)}) and
 * {@code model_noise}, the evaluation-to-evaluation wobble of the true accuracy that SGD noise in the weights adds on
 * top of sampling. Departures from river's {@code drift/cusum.py}, deliberate: the reference is this baseline, not
 * a mean frozen after a warm-up (which a learning curve makes meaningless), and sigma is not estimated from the
 * stream, which a learning curve inflates. The onset is the last value with {@code S = 0}; the baseline reported is
 * {@code b} there. Memory: {@code delay} values, three numbers and two sums.
 */
public final class DropCusum implements ChangeDetector {
    static final int FORMAT_VERSION = 2;

    private final DropCusumConfig config;
    private final ExcursionPair sums = new ExcursionPair();
    private long count;
    private double fast;
    private double baseline;
    /** Values that entered the baseline. */
    private long admitted;
    /** The last {@code delay} values, oldest at {@code count % delay}, waiting to enter the baseline. */
    private final double[] waiting;

    DropCusum(DropCusumConfig config) {
        this.config = config;
        this.waiting = new double[config.delay()];
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
        double admitting = value;
        if (waiting.length > 0) {
            int slot = (int) ((count - 1) % waiting.length);
            admitting = waiting[slot];
            waiting[slot] = value;
        }
        if (admitted == 0) {
            admit(admitting, count > waiting.length);
            return Optional.empty();
        }
        double sigma = Math.sqrt(standardError * standardError * (1 + config.beta() / (2 - config.beta()))
                + config.modelNoise() * config.modelNoise());
        double reference = baseline;
        sums.down.accumulate(step, 1.0, (reference - value) / sigma - config.k(), reference);
        sums.up.accumulate(step, 1.0, (value - reference) / sigma - config.k(), reference);
        admit(admitting, count > waiting.length);
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

    /** Moves the baseline towards {@code value} if it is a real value (the delay line has filled up). */
    private void admit(double value, boolean real) {
        if (real) {
            admitted++;
            baseline += Math.max(config.beta(), 1.0 / admitted) * (value - baseline);
        }
    }

    @Override
    public void reset() {
        count = 0;
        fast = 0.0;
        baseline = 0.0;
        admitted = 0;
        Arrays.fill(waiting, 0.0);
        sums.reset();
    }

    @Override
    public void writeTo(DataOutput out) throws IOException {
        StateFormat.writeHeader(out, DropCusumConfig.NAME, FORMAT_VERSION);
        out.writeLong(count);
        out.writeDouble(fast);
        out.writeDouble(baseline);
        out.writeLong(admitted);
        for (double value : waiting) {
            out.writeDouble(value);
        }
        sums.writeTo(out);
    }

    static DropCusum readFrom(DataInput in, DropCusumConfig config) throws IOException {
        StateFormat.readHeader(in, DropCusumConfig.NAME, FORMAT_VERSION);
        DropCusum detector = new DropCusum(config);
        detector.count = in.readLong();
        detector.fast = in.readDouble();
        detector.baseline = in.readDouble();
        detector.admitted = in.readLong();
        for (int i = 0; i < detector.waiting.length; i++) {
            detector.waiting[i] = in.readDouble();
        }
        detector.sums.readFrom(in);
        return detector;
    }
}
