package io.streamcl.core.detect;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;

/**
 * The open/resolve state machine every alert rule shares: closed (possibly cooling down) until its rule offers an
 * opening, then open until the rule reports {@code recovery_evaluations} recovered evaluations in a row, then
 * closed and deaf to openings for {@code cool_down} evaluations. One dip therefore yields one OPENED and one
 * RESOLVED event however often the underlying detector fires in between.
 */
final class AlertLifecycle {
    static final String KIND = "alert-lifecycle";
    static final int FORMAT_VERSION = 1;

    /**
     * What a rule proposes when its condition starts.
     *
     * @param depth how far the current value is past the baseline, in the bad direction
     */
    record Opening(long onsetStep, double baseline, double depth, Severity severity, String message) {}

    private final LifecycleConfig config;
    private final AlertKind kind;
    private final String detector;
    private boolean open;
    private int coolDownLeft;
    private int recoveredRun;
    private long recoveryStep;
    private long onsetStep;
    private double baseline;
    private double worstDepth;
    private Severity severity = Severity.INFO;

    AlertLifecycle(LifecycleConfig config, AlertKind kind, String detector) {
        this.config = config;
        this.kind = kind;
        this.detector = detector;
    }

    boolean isOpen() {
        return open;
    }

    /** The baseline frozen when the open alert opened. */
    double baseline() {
        return baseline;
    }

    /** While closed: spends one evaluation of cool-down, or opens on {@code opening} when there is one. */
    Optional<AlertEvent> offer(long step, double current, Opening opening) {
        if (coolDownLeft > 0) {
            coolDownLeft--;
            return Optional.empty();
        }
        if (opening == null) {
            return Optional.empty();
        }
        open = true;
        recoveredRun = 0;
        onsetStep = opening.onsetStep();
        baseline = opening.baseline();
        worstDepth = opening.depth();
        severity = opening.severity();
        return Optional.of(new AlertOpened(kind, step, onsetStep, baseline, current, opening.depth(), severity,
                detector, opening.message()));
    }

    /** While open: records the depth and resolves after enough consecutive {@code recovered} evaluations. */
    Optional<AlertEvent> track(long step, double current, double depth, boolean recovered) {
        worstDepth = Math.max(worstDepth, depth);
        if (!recovered) {
            recoveredRun = 0;
            return Optional.empty();
        }
        if (recoveredRun++ == 0) {
            recoveryStep = step;
        }
        if (recoveredRun < config.recoveryEvaluations()) {
            return Optional.empty();
        }
        open = false;
        coolDownLeft = config.coolDownEvaluations();
        String message = String.format(Locale.ROOT, "recovered at step %d, %d steps after onset; worst depth %.4g",
                recoveryStep, recoveryStep - onsetStep, worstDepth);
        return Optional.of(new AlertResolved(kind, step, onsetStep, baseline, current, depth, severity, detector,
                message, recoveryStep, recoveryStep - onsetStep, worstDepth));
    }

    /**
     * Ends the open alert, if any, without a recovery, because {@code reason} (e.g. its run was superseded); no
     * cool-down follows, since nothing is watched any more.
     */
    Optional<AlertEvent> close(long step, String reason) {
        if (!open) {
            return Optional.empty();
        }
        open = false;
        recoveredRun = 0;
        String message = String.format(Locale.ROOT, "closed without recovery at step %d, %d steps after onset: %s;"
                + " worst depth %.4g", step, step - onsetStep, reason, worstDepth);
        return Optional.of(new AlertClosed(kind, step, onsetStep, baseline, severity, detector, message, worstDepth));
    }

    void writeTo(DataOutput out) throws IOException {
        StateFormat.writeHeader(out, KIND, FORMAT_VERSION);
        out.writeBoolean(open);
        out.writeInt(coolDownLeft);
        out.writeInt(recoveredRun);
        out.writeLong(recoveryStep);
        out.writeLong(onsetStep);
        out.writeDouble(baseline);
        out.writeDouble(worstDepth);
        out.writeUTF(severity.name());
    }

    void readFrom(DataInput in) throws IOException {
        StateFormat.readHeader(in, KIND, FORMAT_VERSION);
        open = in.readBoolean();
        coolDownLeft = in.readInt();
        recoveredRun = in.readInt();
        recoveryStep = in.readLong();
        onsetStep = in.readLong();
        baseline = in.readDouble();
        worstDepth = in.readDouble();
        String name = in.readUTF();
        try {
            severity = Severity.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new IOException("alert state has unknown severity '" + name + "'", e);
        }
    }
}
