package io.streamcl.core.detect;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;

/**
 * Divergence alerts on one learner's training loss: a NaN or infinite loss opens a CRITICAL alert at once, a finite
 * loss above {@code factor} times the reference scale (see {@link DivergenceAlertsConfig}) a WARNING one; the alert
 * resolves after {@code recovery_evaluations} finite losses within {@code resolve_factor} times the baseline.
 *
 * <p>Only losses that raise no alarm update the reference, so an explosion cannot drag its own yardstick up.
 */
public final class DivergenceAlerts {
    static final String KIND = "divergence-alerts";
    static final int FORMAT_VERSION = 1;

    private final DivergenceAlertsConfig config;
    private final AlertLifecycle lifecycle;
    private long count;
    private double initialMean;
    private double slowMean;

    private DivergenceAlerts(DivergenceAlertsConfig config) {
        this.config = config;
        this.lifecycle = new AlertLifecycle(config.lifecycle(), AlertKind.DIVERGENCE, config.canonical());
    }

    public static DivergenceAlerts create(DivergenceAlertsConfig config) {
        return new DivergenceAlerts(config);
    }

    /** Feeds the training loss reported at model step {@code step}; returns the alert event it causes, if any. */
    public Optional<AlertEvent> observe(long step, double loss) {
        boolean finite = Double.isFinite(loss);
        if (lifecycle.isOpen()) {
            double baseline = lifecycle.baseline();
            boolean recovered = finite && (Double.isNaN(baseline) || loss <= config.resolveFactor() * baseline);
            return lifecycle.track(step, loss, finite ? loss - baseline : Double.NaN, recovered);
        }
        double reference = count == 0 ? Double.NaN : Math.max(initialMean, slowMean);
        boolean exploding = finite && count >= config.warmup() && loss > config.factor() * reference;
        if (finite && !exploding) {
            count++;
            if (count <= config.warmup()) {
                initialMean += (loss - initialMean) / count;
            }
            slowMean += Math.max(config.beta(), 1.0 / count) * (loss - slowMean);
        }
        AlertLifecycle.Opening opening = finite && !exploding ? null : opening(step, loss, reference);
        return lifecycle.offer(step, loss, opening);
    }

    private AlertLifecycle.Opening opening(long step, double loss, double reference) {
        String message = Double.isFinite(loss)
                ? String.format(Locale.ROOT, "training loss %.4g is %.3gx its reference scale %.4g", loss,
                        loss / reference, reference)
                : String.format(Locale.ROOT, "training loss is %s (reference scale %.4g)", loss, reference);
        Severity severity = Double.isFinite(loss) ? Severity.WARNING : Severity.CRITICAL;
        double depth = Double.isFinite(loss) ? loss - reference : Double.NaN;
        return new AlertLifecycle.Opening(step, reference, depth, severity, message);
    }

    /** Ends this rule's open alert, if any, without a recovery (see {@link AlertClosed}). */
    public Optional<AlertEvent> close(long step, String reason) {
        return lifecycle.close(step, reason);
    }

    public void writeTo(DataOutput out) throws IOException {
        StateFormat.writeHeader(out, KIND, FORMAT_VERSION);
        out.writeLong(count);
        out.writeDouble(initialMean);
        out.writeDouble(slowMean);
        lifecycle.writeTo(out);
    }

    /** Reads a state written by {@link #writeTo} under {@code config}. */
    public static DivergenceAlerts readFrom(DataInput in, DivergenceAlertsConfig config) throws IOException {
        StateFormat.readHeader(in, KIND, FORMAT_VERSION);
        DivergenceAlerts alerts = new DivergenceAlerts(config);
        alerts.count = in.readLong();
        alerts.initialMean = in.readDouble();
        alerts.slowMean = in.readDouble();
        alerts.lifecycle.readFrom(in);
        return alerts;
    }
}
