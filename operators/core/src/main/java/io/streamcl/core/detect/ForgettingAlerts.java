package io.streamcl.core.detect;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;

/**
 * Forgetting-spike alerts on one task's continual-evaluation accuracy (one instance per learner key and task): a
 * {@link ChangeDetector} proposes drops, {@link ForgettingAlertsConfig}'s depth hysteresis filters them, and the
 * shared {@link AlertLifecycle} turns them into one OPENED and one RESOLVED event per dip.
 *
 * <p>Non-finite accuracies are skipped: a missing evaluation is not a drop. When an alert resolves, the detector
 * starts afresh so that it learns the recovered level rather than the dip.
 */
public final class ForgettingAlerts {
    static final String KIND = "forgetting-alerts";
    static final int FORMAT_VERSION = 1;

    private final ForgettingAlertsConfig config;
    private final ChangeDetector detector;
    private final AlertLifecycle lifecycle;
    private long count;
    private double smoothed;
    private double worstSmoothedDepth;

    private ForgettingAlerts(ForgettingAlertsConfig config, ChangeDetector detector) {
        this.config = config;
        this.detector = detector;
        this.lifecycle = new AlertLifecycle(config.lifecycle(), AlertKind.FORGETTING_SPIKE, detector.config().canonical());
    }

    public static ForgettingAlerts create(ForgettingAlertsConfig config) {
        return new ForgettingAlerts(config, config.detector().create());
    }

    /** Whether an alert of this task is open. */
    public boolean isOpen() {
        return lifecycle.isOpen();
    }

    /**
     * Feeds the task's accuracy evaluated at model step {@code step} on {@code samples} held-out samples (0 if
     * unknown, see {@link EvaluationNoise}); returns the alert event it causes, if any.
     */
    public Optional<AlertEvent> observe(long step, double accuracy, int samples) {
        if (!Double.isFinite(accuracy)) {
            return Optional.empty();
        }
        count++;
        smoothed += Math.max(config.smoothing(), 1.0 / count) * (accuracy - smoothed);
        double standardError = EvaluationNoise.standardError(smoothed, samples);
        Optional<Detection> detection = detector.update(step, accuracy, standardError);
        if (lifecycle.isOpen()) {
            double smoothedDepth = lifecycle.baseline() - smoothed;
            worstSmoothedDepth = Math.max(worstSmoothedDepth, smoothedDepth);
            boolean recovered = smoothedDepth <= Math.max(config.recoveryMargin(standardError),
                    config.recoveryFraction() * worstSmoothedDepth);
            Optional<AlertEvent> event = lifecycle.track(step, accuracy, lifecycle.baseline() - accuracy, recovered);
            if (event.isPresent()) {
                detector.reset();
            }
            return event;
        }
        AlertLifecycle.Opening opening = detection
                .filter(d -> d.direction() == Direction.DOWN
                        && d.baseline() - smoothed >= config.openingDepth(standardError))
                .map(d -> opening(d, accuracy))
                .orElse(null);
        Optional<AlertEvent> event = lifecycle.offer(step, accuracy, opening);
        if (event.isPresent()) {
            worstSmoothedDepth = event.get().baseline() - smoothed;
        }
        return event;
    }

    private AlertLifecycle.Opening opening(Detection d, double accuracy) {
        double smoothedDepth = d.baseline() - smoothed;
        String message = String.format(Locale.ROOT,
                "accuracy %.4f is %.4f below its baseline %.4f (smoothed %.4f below) since step %d", accuracy,
                d.baseline() - accuracy, d.baseline(), smoothedDepth, d.onsetStep());
        double depth = d.baseline() - accuracy;
        return new AlertLifecycle.Opening(d.onsetStep(), d.baseline(), depth,
                Severity.of(depth, config.warningDepth(), config.criticalDepth()), message);
    }

    /** Ends this rule's open alert, if any, without a recovery (see {@link AlertClosed}). */
    public Optional<AlertEvent> close(long step, String reason) {
        return lifecycle.close(step, reason);
    }

    public void writeTo(DataOutput out) throws IOException {
        StateFormat.writeHeader(out, KIND, FORMAT_VERSION);
        out.writeLong(count);
        out.writeDouble(smoothed);
        out.writeDouble(worstSmoothedDepth);
        detector.writeTo(out);
        lifecycle.writeTo(out);
    }

    /** Reads a state written by {@link #writeTo} under {@code config}. */
    public static ForgettingAlerts readFrom(DataInput in, ForgettingAlertsConfig config) throws IOException {
        StateFormat.readHeader(in, KIND, FORMAT_VERSION);
        long count = in.readLong();
        double smoothed = in.readDouble();
        double worst = in.readDouble();
        ForgettingAlerts alerts = new ForgettingAlerts(config, config.detector().restore(in));
        alerts.count = count;
        alerts.smoothed = smoothed;
        alerts.worstSmoothedDepth = worst;
        alerts.lifecycle.readFrom(in);
        return alerts;
    }
}
