package io.streamcl.core.detect;

import io.streamcl.core.spec.Spec;
import io.streamcl.core.spec.SpecArguments;
import java.io.DataInput;
import java.io.IOException;

/**
 * Parameters of {@link DropCusum}. The defaults are the calibrated ones for per-task accuracy from continual
 * evaluation on held-out sets of 50 to 1000 samples, see docs/detector-calibration.md.
 *
 * @param k allowance per value, in standard errors, at least 0 (half the smallest shift worth finding quickly)
 * @param h decision threshold on the sum, in standard errors, positive
 * @param drop the fast average must also be at least this far past the baseline, in the stream's units, at least 0
 * @param alpha weight of the newest value in the fast average, in (0, 1]
 * @param beta weight of the newest value admitted to the baseline (an EWMA), in (0, 1]
 * @param delay evaluations a value waits before it enters the baseline, so that a drop under test does not pull its
 *     own reference down, in [0, 64]
 * @param minInstances values needed before an alarm can be raised, at least 1
 * @param modelNoise standard deviation of the model's own wobble, added in quadrature to each value's standard
 *     error, positive (values given without a standard error use it alone)
 * @param watch sides tested; {@code down} for accuracy
 */
public record DropCusumConfig(double k, double h, double drop, double alpha, double beta, int delay,
        int minInstances, double modelNoise, Watch watch) implements DetectorConfig {
    public static final String NAME = "drop-cusum";
    public static final double DEFAULT_K = 1.25;
    public static final double DEFAULT_H = 5.0;
    public static final double DEFAULT_DROP = 0.02;
    public static final double DEFAULT_ALPHA = 0.2;
    public static final double DEFAULT_BETA = 0.3;
    public static final int DEFAULT_DELAY = 5;
    /** Longest delay: the delayed values are state. */
    public static final int MAX_DELAY = 64;
    public static final int DEFAULT_MIN_INSTANCES = 10;
    public static final double DEFAULT_MODEL_NOISE = 0.01;
    public static final Watch DEFAULT_WATCH = Watch.DOWN;

    public DropCusumConfig {
        SpecArguments.require(k >= 0, NAME, "k", k, ">= 0");
        SpecArguments.require(h > 0, NAME, "h", h, "> 0");
        SpecArguments.require(drop >= 0, NAME, "drop", drop, ">= 0");
        SpecArguments.require(alpha > 0 && alpha <= 1, NAME, "alpha", alpha, "in (0, 1]");
        SpecArguments.require(beta > 0 && beta <= 1, NAME, "beta", beta, "in (0, 1]");
        SpecArguments.require(delay >= 0 && delay <= MAX_DELAY, NAME, "delay", delay, "in [0, " + MAX_DELAY + "]");
        SpecArguments.require(minInstances >= 1, NAME, "min_instances", minInstances, ">= 1");
        SpecArguments.require(modelNoise > 0, NAME, "model_noise", modelNoise, "> 0");
        Watch.require(watch, NAME);
    }

    public static DropCusumConfig defaults() {
        return new DropCusumConfig(DEFAULT_K, DEFAULT_H, DEFAULT_DROP, DEFAULT_ALPHA, DEFAULT_BETA, DEFAULT_DELAY,
                DEFAULT_MIN_INSTANCES, DEFAULT_MODEL_NOISE, DEFAULT_WATCH);
    }

    static DropCusumConfig from(Spec spec) {
        SpecArguments a = new SpecArguments(spec);
        DropCusumConfig c = new DropCusumConfig(a.number("k", DEFAULT_K), a.number("h", DEFAULT_H),
                a.number("drop", DEFAULT_DROP), a.number("alpha", DEFAULT_ALPHA), a.number("beta", DEFAULT_BETA),
                a.integer("delay", DEFAULT_DELAY), a.integer("min_instances", DEFAULT_MIN_INSTANCES),
                a.number("model_noise", DEFAULT_MODEL_NOISE), Watch.read(a, "watch", DEFAULT_WATCH));
        a.finish();
        return c;
    }

    @Override
    public String canonical() {
        return Spec.of(NAME).with("k", k).with("h", h).with("drop", drop).with("alpha", alpha).with("beta", beta)
                .with("delay", delay).with("min_instances", minInstances).with("model_noise", modelNoise)
                .with("watch", watch.text()).toString();
    }

    @Override
    public DropCusum create() {
        return new DropCusum(this);
    }

    @Override
    public DropCusum restore(DataInput in) throws IOException {
        return DropCusum.readFrom(in, this);
    }

    @Override
    public String toString() {
        return canonical();
    }
}
