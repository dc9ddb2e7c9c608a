package io.streamcl.core.detect;

import io.streamcl.core.spec.Spec;
import io.streamcl.core.spec.SpecArguments;
import java.io.DataInput;
import java.io.IOException;

/**
 * Parameters of the {@link PageHinkley} test (Page 1954), with the defaults of the reference implementation (river's
 * {@code PageHinkley}). Those defaults suit unscaled streams: on an accuracy in [0, 1] a lambda of 50 never fires;
 * {@link AccuracyDefaults#pageHinkley()} is the setting calibrated for accuracy.
 *
 * @param delta tolerated drift per value before the sum grows ({@code delta}), in the stream's units, at least 0
 * @param lambda alarm threshold on the cumulative sum ({@code lambda}), positive
 * @param alpha fading factor of the sum, in (0, 1]
 * @param minInstances values needed before an alarm can be raised, at least 1
 * @param watch sides tested; the doc's one-sided form is {@code up}
 */
public record PageHinkleyConfig(double delta, double lambda, double alpha, int minInstances, Watch watch)
        implements DetectorConfig {
    public static final String NAME = "page-hinkley";
    public static final double DEFAULT_DELTA = 0.005;
    public static final double DEFAULT_LAMBDA = 50;
    public static final double DEFAULT_ALPHA = 1 - 1e-4;
    public static final int DEFAULT_MIN_INSTANCES = 30;
    public static final Watch DEFAULT_WATCH = Watch.UP;

    public PageHinkleyConfig {
        SpecArguments.require(delta >= 0, NAME, "delta", delta, ">= 0");
        SpecArguments.require(lambda > 0, NAME, "lambda", lambda, "> 0");
        SpecArguments.require(alpha > 0 && alpha <= 1, NAME, "alpha", alpha, "in (0, 1]");
        SpecArguments.require(minInstances >= 1, NAME, "min_instances", minInstances, ">= 1");
        Watch.require(watch, NAME);
    }

    /** The reference defaults: {@code page-hinkley(delta=0.005,lambda=50,alpha=0.9999,min_instances=30,watch=up)}. */
    public static PageHinkleyConfig defaults() {
        return new PageHinkleyConfig(DEFAULT_DELTA, DEFAULT_LAMBDA, DEFAULT_ALPHA, DEFAULT_MIN_INSTANCES, DEFAULT_WATCH);
    }

    static PageHinkleyConfig from(Spec spec) {
        SpecArguments a = new SpecArguments(spec);
        PageHinkleyConfig c = new PageHinkleyConfig(a.number("delta", DEFAULT_DELTA), a.number("lambda", DEFAULT_LAMBDA),
                a.number("alpha", DEFAULT_ALPHA), a.integer("min_instances", DEFAULT_MIN_INSTANCES),
                Watch.read(a, "watch", DEFAULT_WATCH));
        a.finish();
        return c;
    }

    @Override
    public String canonical() {
        return Spec.of(NAME).with("delta", delta).with("lambda", lambda).with("alpha", alpha)
                .with("min_instances", minInstances).with("watch", watch.text()).toString();
    }

    @Override
    public PageHinkley create() {
        return new PageHinkley(this);
    }

    @Override
    public PageHinkley restore(DataInput in) throws IOException {
        return PageHinkley.readFrom(in, this);
    }

    @Override
    public String toString() {
        return canonical();
    }
}
