package io.streamcl.core.detect;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;

/**
 * Plasticity-loss alerts from a slow trend in a learner-wide metric, such as the online accuracy reached on each
 * newly started task (falling) or the dormant-unit fraction (rising); see {@link TrendAlertsConfig} for the rule and
 * its presets. Keeps the last {@code window} values and their steps; non-finite values are skipped.
 */
public final class TrendAlerts {
    static final String KIND = "trend-alerts";
    static final int FORMAT_VERSION = 1;

    private final TrendAlertsConfig config;
    private final AlertLifecycle lifecycle;
    private final double[] values;
    private final long[] steps;
    private long count;

    private TrendAlerts(TrendAlertsConfig config) {
        this.config = config;
        this.lifecycle = new AlertLifecycle(config.lifecycle(), AlertKind.PLASTICITY_LOSS, config.canonical());
        this.values = new double[config.window()];
        this.steps = new long[config.window()];
    }

    public static TrendAlerts create(TrendAlertsConfig config) {
        return new TrendAlerts(config);
    }

    /** Feeds the metric's next value, reported at model step {@code step}; returns the alert event it causes, if any. */
    public Optional<AlertEvent> observe(long step, double value) {
        if (!Double.isFinite(value)) {
            return Optional.empty();
        }
        int w = config.window();
        values[(int) (count % w)] = value;
        steps[(int) (count % w)] = step;
        count++;
        if (count < w) {
            return lifecycle.offer(step, value, null);
        }
        double[] window = new double[w];
        for (int i = 0; i < w; i++) {
            window[i] = values[(int) ((count + i) % w)];
        }
        int sign = config.worse() == Watch.UP ? 1 : -1;
        double badZ = sign * TrendStatistics.mannKendallZ(window);
        double slope = TrendStatistics.theilSenSlope(window);
        double badChange = sign * slope * (w - 1);
        if (lifecycle.isOpen()) {
            boolean recovered = badZ < config.z() / 2 || badChange < config.minChange() / 2;
            return lifecycle.track(step, value, sign * (value - lifecycle.baseline()), recovered);
        }
        AlertLifecycle.Opening opening = null;
        if (badZ >= config.z() && badChange >= config.minChange()) {
            double start = TrendStatistics.theilSenIntercept(window, slope);
            String message = String.format(Locale.ROOT, "%s moved %+.4f over its last %d values (Mann-Kendall z=%+.2f)",
                    config.metric(), slope * (w - 1), w, sign * badZ);
            opening = new AlertLifecycle.Opening(steps[(int) (count % w)], start, sign * (value - start), Severity.WARNING,
                    message);
        }
        return lifecycle.offer(step, value, opening);
    }

    /** Ends this rule's open alert, if any, without a recovery (see {@link AlertClosed}). */
    public Optional<AlertEvent> close(long step, String reason) {
        return lifecycle.close(step, reason);
    }

    public void writeTo(DataOutput out) throws IOException {
        StateFormat.writeHeader(out, KIND, FORMAT_VERSION);
        out.writeLong(count);
        out.writeInt(values.length);
        for (int i = 0; i < values.length; i++) {
            out.writeDouble(values[i]);
            out.writeLong(steps[i]);
        }
        lifecycle.writeTo(out);
    }

    /** Reads a state written by {@link #writeTo} under a config with the same window. */
    public static TrendAlerts readFrom(DataInput in, TrendAlertsConfig config) throws IOException {
        StateFormat.readHeader(in, KIND, FORMAT_VERSION);
        TrendAlerts alerts = new TrendAlerts(config);
        alerts.count = in.readLong();
        int window = in.readInt();
        if (window != config.window()) {
            throw new IOException("trend state has window " + window + ", the config has " + config.window());
        }
        for (int i = 0; i < alerts.values.length; i++) {
            alerts.values[i] = in.readDouble();
            alerts.steps[i] = in.readLong();
        }
        alerts.lifecycle.readFrom(in);
        return alerts;
    }
}
