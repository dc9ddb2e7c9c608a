package io.streamcl.core.detect;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The upward and the downward {@link Excursion} of one stream, and the shared rule for reporting whichever
 * watched side crossed its threshold; every detector except ADWIN is such a pair plus its own update.
 */
final class ExcursionPair {
    final Excursion up = new Excursion();
    final Excursion down = new Excursion();

    /**
     * The detection of the watched side whose statistic reached {@code threshold} ({@code strict}: exceeded it), the
     * larger one if both did (possible only when a warm-up held both back), or null.
     */
    Detection crossing(Watch watch, double threshold, boolean strict, long step, double value) {
        boolean upCrossed = watch.includes(Direction.UP) && crossed(up.value(), threshold, strict);
        boolean downCrossed = watch.includes(Direction.DOWN) && crossed(down.value(), threshold, strict);
        if (upCrossed && (!downCrossed || up.value() >= down.value())) {
            return up.detection(Direction.UP, step, value);
        }
        return downCrossed ? down.detection(Direction.DOWN, step, value) : null;
    }

    private static boolean crossed(double statistic, double threshold, boolean strict) {
        return strict ? statistic > threshold : statistic >= threshold;
    }

    void reset() {
        up.reset();
        down.reset();
    }

    void writeTo(DataOutput out) throws IOException {
        up.writeTo(out);
        down.writeTo(out);
    }

    void readFrom(DataInput in) throws IOException {
        up.readFrom(in);
        down.readFrom(in);
    }
}
