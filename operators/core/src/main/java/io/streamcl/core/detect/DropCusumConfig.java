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
 * @param beta weight of the newest value in the baseline, in (0, alpha]
 * @param follow weight with which the baseline follows the fast average past it on the unwatched side, in [beta, 1]
 * @param minInstances values needed before an alarm can be raised, at least 1
 * @param modelNoise standard deviation of the model's own wobble, added in quadrature to each value's standard
 *     error, positive (values given without a standard error use it alone)
 * @param watch sides tested; {@code down} for accuracy
 */
public record DropCusumConfig(double k, double h, double drop, double alpha, double beta, double follow,
        int minInstances, double modelNoise, Watch watch) implements DetectorConfig {
    public static final String NAME = "drop-cusum";
    public static final double DEFAULT_K = 1.25;
    public static final double DEFAULT_H = 6.0;
    public static final double DEFAULT_DROP = 0.02;
    public static final double DEFAULT_ALPHA = 0.2;
    public static final double DEFAULT_BETA = 0.02;
    public static final double DEFAULT_FOLLOW = 0.3;
    public static final int DEFAULT_MIN_INSTANCES = 10;
    public static final double DEFAULT_MODEL_NOISE = 0.01;
    public static final Watch DEFAULT_WATCH = Watch.DOWN;

    public DropCusumConfig {
        SpecArguments.require(k >= 0, NAME, "k", k, ">= 0");
        SpecArguments.require(h > 0, NAME, "h", h, "> 0");
        SpecArguments.require(drop >= 0, NAME, "drop", drop, ">= 0");
        SpecArguments.require(alpha > 0 && alpha <= 1, NAME, "alpha", alpha, "in (0, 1]");
        SpecArguments.require(beta > 0 && beta <= alpha, NAME, "beta", beta, "in (0, alpha]");
        SpecArguments.require(follow >= beta && follow <= 1, NAME, "follow", follow, "in [beta, 1]");
        SpecArguments.require(minInstances >= 1, NAME, "min_instances", minInstances, ">= 1");
        SpecArguments.require(modelNoise > 0, NAME, "model_noise", modelNoise, "> 0");
        Watch.require(watch, NAME);
    }

    public static DropCusumConfig defaults() {
        return new DropCusumConfig(DEFAULT_K, DEFAULT_H, DEFAULT_DROP, DEFAULT_ALPHA, DEFAULT_BETA, DEFAULT_FOLLOW,
                DEFAULT_MIN_INSTANCES, DEFAULT_MODEL_NOISE, DEFAULT_WATCH);
    }

    static DropCusumConfig from(Spec spec) {
        SpecArguments a = new SpecArguments(spec);
        DropCusumConfig c = new DropCusumConfig(a.number("k", DEFAULT_K), a.number("h", DEFAULT_H),
                a.number("drop", DEFAULT_DROP), a.number("alpha", DEFAULT_ALPHA), a.number("beta", DEFAULT_BETA),
                a.number("follow", DEFAULT_FOLLOW), a.integer("min_instances", DEFAULT_MIN_INSTANCES),
                a.number("model_noise", DEFAULT_MODEL_NOISE), Watch.read(a, "watch", DEFAULT_WATCH));
        a.finish();
        return c;
    }

    @Override
    public String canonical() {
        return Spec.of(NAME).with("k", k).with("h", h).with("drop", drop).with("alpha", alpha).with("beta", beta)
                .with("follow", follow).with("min_instances", minInstances).with("model_noise", modelNoise)
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
