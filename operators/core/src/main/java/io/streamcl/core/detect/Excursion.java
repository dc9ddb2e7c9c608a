package io.streamcl.core.detect;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * A non-negative statistic that rests at zero while a stream looks unchanged and grows while it moves one way:
 * the cumulative sum S of Page-Hinkley and CUSUM, or the gap below a running best. It remembers where its current
 * excursion above zero began, which is the onset estimate of a change (for a cumulative sum this is the classical
 * maximum-likelihood change point: the last time S was zero), and the reference level at that moment.
 */
final class Excursion {
    private double value;
    private long onsetStep;
    private double baseline;

    /** Cumulative-sum update {@code S = max(0, decay * S + increment)}; {@code level} is the reference now. */
    void accumulate(long step, double decay, double increment, double level) {
        track(step, decay * value + increment, level);
    }

    /** Sets the statistic to {@code max(0, gap)}; {@code level} is the reference now. */
    void track(long step, double gap, double level) {
        double next = Math.max(0.0, gap);
        if (next > 0.0 && value == 0.0) {
            onsetStep = step;
            baseline = level;
        }
        value = next;
    }

    double value() {
        return value;
    }

    /** The detection this excursion amounts to when it crosses its threshold at {@code step}. */
    Detection detection(Direction direction, long step, double observed) {
        return new Detection(direction, step, onsetStep, baseline, observed);
    }

    void reset() {
        value = 0.0;
        onsetStep = 0L;
        baseline = 0.0;
    }

    void writeTo(DataOutput out) throws IOException {
        out.writeDouble(value);
        out.writeLong(onsetStep);
        out.writeDouble(baseline);
    }

    void readFrom(DataInput in) throws IOException {
        value = in.readDouble();
        onsetStep = in.readLong();
        baseline = in.readDouble();
    }
}
