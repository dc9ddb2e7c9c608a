package io.streamcl.core.detect;

import io.streamcl.core.spec.Spec;
import io.streamcl.core.spec.SpecArguments;
import java.io.DataInput;
import java.io.IOException;

/**
 * Parameters of {@link EwmaDrop}. River's EWMA chart gives the rule; its defaults are
 * unchecked; these defaults are the calibrated ones for per-task accuracy from subsampled evaluation (S = 1000),
 * see docs/detector-calibration.md.
 *
 * @param drop alarm when the fast average is this far past the baseline, in the stream's units, positive
 * @param alpha weight of the newest value in the fast average (the chart statistic), in (0, 1]
 * @param beta weight of the newest value in the slow baseline, in (0, alpha]
 * @param minInstances values needed before an alarm can be raised, at least 1
 * @param watch sides tested; {@code down} for accuracy
 */
public record EwmaDropConfig(double drop, double alpha, double beta, int minInstances, Watch watch)
        implements DetectorConfig {
    public static final String NAME = "ewma-drop";
    public static final double DEFAULT_DROP = 0.03;
    public static final double DEFAULT_ALPHA = 0.3;
    public static final double DEFAULT_BETA = 0.02;
    public static final int DEFAULT_MIN_INSTANCES = 30;
    public static final Watch DEFAULT_WATCH = Watch.DOWN;

    public EwmaDropConfig {
        SpecArguments.require(drop > 0, NAME, "drop", drop, "> 0");
        SpecArguments.require(alpha > 0 && alpha <= 1, NAME, "alpha", alpha, "in (0, 1]");
        SpecArguments.require(beta > 0 && beta <= alpha, NAME, "beta", beta, "in (0, alpha]");
        SpecArguments.require(minInstances >= 1, NAME, "min_instances", minInstances, ">= 1");
        Watch.require(watch, NAME);
    }

    public static EwmaDropConfig defaults() {
        return new EwmaDropConfig(DEFAULT_DROP, DEFAULT_ALPHA, DEFAULT_BETA, DEFAULT_MIN_INSTANCES, DEFAULT_WATCH);
    }

    static EwmaDropConfig from(Spec spec) {
        SpecArguments a = new SpecArguments(spec);
        EwmaDropConfig c = new EwmaDropConfig(a.number("drop", DEFAULT_DROP), a.number("alpha", DEFAULT_ALPHA),
                a.number("beta", DEFAULT_BETA), a.integer("min_instances", DEFAULT_MIN_INSTANCES),
                Watch.read(a, "watch", DEFAULT_WATCH));
        a.finish();
        return c;
    }

    @Override
    public String canonical() {
        return Spec.of(NAME).with("drop", drop).with("alpha", alpha).with("beta", beta)
                .with("min_instances", minInstances).with("watch", watch.text()).toString();
    }

    @Override
    public EwmaDrop create() {
        return new EwmaDrop(this);
    }

    @Override
    public EwmaDrop restore(DataInput in) throws IOException {
        return EwmaDrop.readFrom(in, this);
    }

    @Override
    public String toString() {
        return canonical();
    }
}
