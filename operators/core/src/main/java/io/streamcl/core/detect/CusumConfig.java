package io.streamcl.core.detect;

import io.streamcl.core.spec.Spec;
import io.streamcl.core.spec.SpecArguments;
import java.io.DataInput;
import java.io.IOException;

/**
 * Parameters of the tabular two-sided {@link Cusum}, with the defaults of the reference implementation (river's
 * {@code CUSUM}): slack {@code k} and decision interval {@code h} in units of the standard deviation measured over
 * the warm-up, so the defaults are scale-free.
 *
 * @param k slack per value, in warm-up standard deviations, at least 0
 * @param h decision interval, in warm-up standard deviations, positive
 * @param minInstances warm-up length over which the reference mean and deviation are estimated, at least 1
 * @param sigmaFloor lower bound on the deviation, in the stream's units, at least 0; 0 (river) lets a constant
 *     warm-up make every later wiggle an alarm, so metrics with a known noise floor should set it
 * @param watch sides tested; river's default is {@code both}
 */
public record CusumConfig(double k, double h, int minInstances, double sigmaFloor, Watch watch)
        implements DetectorConfig {
    public static final String NAME = "cusum";
    public static final double DEFAULT_K = 0.5;
    public static final double DEFAULT_H = 5;
    public static final int DEFAULT_MIN_INSTANCES = 30;
    public static final double DEFAULT_SIGMA_FLOOR = 0;
    public static final Watch DEFAULT_WATCH = Watch.BOTH;

    public CusumConfig {
        SpecArguments.require(k >= 0, NAME, "k", k, ">= 0");
        SpecArguments.require(h > 0, NAME, "h", h, "> 0");
        SpecArguments.require(minInstances >= 1, NAME, "min_instances", minInstances, ">= 1");
        SpecArguments.require(sigmaFloor >= 0, NAME, "sigma_floor", sigmaFloor, ">= 0");
        Watch.require(watch, NAME);
    }

    /** The reference defaults: {@code cusum(k=0.5,h=5,min_instances=30,sigma_floor=0,watch=both)}. */
    public static CusumConfig defaults() {
        return new CusumConfig(DEFAULT_K, DEFAULT_H, DEFAULT_MIN_INSTANCES, DEFAULT_SIGMA_FLOOR, DEFAULT_WATCH);
    }

    static CusumConfig from(Spec spec) {
        SpecArguments a = new SpecArguments(spec);
        CusumConfig c = new CusumConfig(a.number("k", DEFAULT_K), a.number("h", DEFAULT_H),
                a.integer("min_instances", DEFAULT_MIN_INSTANCES), a.number("sigma_floor", DEFAULT_SIGMA_FLOOR),
                Watch.read(a, "watch", DEFAULT_WATCH));
        a.finish();
        return c;
    }

    @Override
    public String canonical() {
        return Spec.of(NAME).with("k", k).with("h", h).with("min_instances", minInstances)
                .with("sigma_floor", sigmaFloor).with("watch", watch.text()).toString();
    }

    @Override
    public Cusum create() {
        return new Cusum(this);
    }

    @Override
    public Cusum restore(DataInput in) throws IOException {
        return Cusum.readFrom(in, this);
    }

    @Override
    public String toString() {
        return canonical();
    }
}
