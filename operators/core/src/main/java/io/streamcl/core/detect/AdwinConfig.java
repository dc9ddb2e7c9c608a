package io.streamcl.core.detect;

import io.streamcl.core.spec.Spec;
import io.streamcl.core.spec.SpecArguments;
import java.io.DataInput;
import java.io.IOException;

/**
 * Parameters of {@link Adwin}, with the defaults of river's {@code ADWIN}.
 *
 * @param delta confidence of the cut test, in (0, 1); smaller means fewer false alarms and later detections
 * @param clock the cut test runs every {@code clock} values; 32 bounds the added delay by 31 values
 * @param maxBuckets buckets kept per size before two are merged, at least 2
 * @param minWindow least number of values on each side of a cut, at least 1
 * @param gracePeriod values needed before the first cut test, at least 0
 * @param watch which direction of a detected shift is reported; the window shrinks on every shift regardless
 */
public record AdwinConfig(double delta, int clock, int maxBuckets, int minWindow, int gracePeriod, Watch watch)
        implements DetectorConfig {
    public static final String NAME = "adwin";
    public static final double DEFAULT_DELTA = 0.002;
    public static final int DEFAULT_CLOCK = 32;
    public static final int DEFAULT_MAX_BUCKETS = 5;
    public static final int DEFAULT_MIN_WINDOW = 5;
    public static final int DEFAULT_GRACE_PERIOD = 10;
    public static final Watch DEFAULT_WATCH = Watch.BOTH;

    public AdwinConfig {
        SpecArguments.require(delta > 0 && delta < 1, NAME, "delta", delta, "in (0, 1)");
        SpecArguments.require(clock >= 1, NAME, "clock", clock, ">= 1");
        SpecArguments.require(maxBuckets >= 2, NAME, "max_buckets", maxBuckets, ">= 2");
        SpecArguments.require(minWindow >= 1, NAME, "min_window", minWindow, ">= 1");
        SpecArguments.require(gracePeriod >= 0, NAME, "grace_period", gracePeriod, ">= 0");
        Watch.require(watch, NAME);
    }

    /** The reference defaults: {@code adwin(delta=0.002,clock=32,max_buckets=5,min_window=5,grace_period=10,watch=both)}. */
    public static AdwinConfig defaults() {
        return new AdwinConfig(DEFAULT_DELTA, DEFAULT_CLOCK, DEFAULT_MAX_BUCKETS, DEFAULT_MIN_WINDOW,
                DEFAULT_GRACE_PERIOD, DEFAULT_WATCH);
    }

    static AdwinConfig from(Spec spec) {
        SpecArguments a = new SpecArguments(spec);
        AdwinConfig c = new AdwinConfig(a.number("delta", DEFAULT_DELTA), a.integer("clock", DEFAULT_CLOCK),
                a.integer("max_buckets", DEFAULT_MAX_BUCKETS), a.integer("min_window", DEFAULT_MIN_WINDOW),
                a.integer("grace_period", DEFAULT_GRACE_PERIOD), Watch.read(a, "watch", DEFAULT_WATCH));
        a.finish();
        return c;
    }

    @Override
    public String canonical() {
        return Spec.of(NAME).with("delta", delta).with("clock", clock).with("max_buckets", maxBuckets)
                .with("min_window", minWindow).with("grace_period", gracePeriod).with("watch", watch.text()).toString();
    }

    @Override
    public Adwin create() {
        return new Adwin(this);
    }

    @Override
    public Adwin restore(DataInput in) throws IOException {
        return Adwin.readFrom(in, this);
    }

    @Override
    public String toString() {
        return canonical();
    }
}
