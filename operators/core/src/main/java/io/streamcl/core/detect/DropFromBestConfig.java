package io.streamcl.core.detect;

import io.streamcl.core.spec.Spec;
import io.streamcl.core.spec.SpecArguments;
import java.io.DataInput;
import java.io.IOException;

/**
 * Parameters of {@link DropFromBest}. De Lange et al.'s windowed forgetting suggests the rule (alarm when the drop from the best
 * value exceeds a threshold) without defaults; these defaults are the calibrated ones for per-task accuracy from
 * subsampled evaluation (S = 1000), see docs/detector-calibration.md.
 *
 * @param drop alarm when the smoothed value is this far past its running best, in the stream's units, positive
 * @param alpha weight of the newest value in the smoothing, in (0, 1]; 1 compares raw values, whose running best
 *     is biased upwards by the noise (about 2.5 standard errors after 100 evaluations)
 * @param watch {@code down}: best is the running maximum (accuracy); {@code up}: the running minimum (a loss)
 */
public record DropFromBestConfig(double drop, double alpha, Watch watch) implements DetectorConfig {
    public static final String NAME = "drop-from-best";
    public static final double DEFAULT_DROP = 0.045;
    public static final double DEFAULT_ALPHA = 0.2;
    public static final Watch DEFAULT_WATCH = Watch.DOWN;

    public DropFromBestConfig {
        SpecArguments.require(drop > 0, NAME, "drop", drop, "> 0");
        SpecArguments.require(alpha > 0 && alpha <= 1, NAME, "alpha", alpha, "in (0, 1]");
        Watch.require(watch, NAME);
    }

    public static DropFromBestConfig defaults() {
        return new DropFromBestConfig(DEFAULT_DROP, DEFAULT_ALPHA, DEFAULT_WATCH);
    }

    static DropFromBestConfig from(Spec spec) {
        SpecArguments a = new SpecArguments(spec);
        DropFromBestConfig c = new DropFromBestConfig(a.number("drop", DEFAULT_DROP), a.number("alpha", DEFAULT_ALPHA),
                Watch.read(a, "watch", DEFAULT_WATCH));
        a.finish();
        return c;
    }

    @Override
    public String canonical() {
        return Spec.of(NAME).with("drop", drop).with("alpha", alpha).with("watch", watch.text()).toString();
    }

    @Override
    public DropFromBest create() {
        return new DropFromBest(this);
    }

    @Override
    public DropFromBest restore(DataInput in) throws IOException {
        return DropFromBest.readFrom(in, this);
    }

    @Override
    public String toString() {
        return canonical();
    }
}
