package io.streamcl.core.metrics;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The accuracy dip of one old task after one task boundary, the "stability gap" of De Lange et al. (ICLR 2023),
 * measured from that task's evaluations.
 *
 * <p>With b the boundary step, pre the accuracy at the last evaluation at a step &lt;= b (evaluations at step b
 * made after the boundary call still see the pre-boundary model and refresh it), and (s_n, A_n) the evaluations at
 * steps s_1 &lt; s_2 &lt; ... after b, up to the one that closes the gap:
 * <ul>
 *   <li>depth = pre - min_n A_n, signed: negative means accuracy only rose;
 *   <li>steps to minimum = s_m - b for the first n = m reaching that minimum;
 *   <li>steps to recover = s_r - b for the first evaluation r with A_r &gt;= threshold(pre) after at least one
 *       evaluation below it; 0 while the task has never left the tolerance band, null while it is below it. The
 *       band is {@link RecoveryTolerance}'s, at the smaller sample count of the pre-boundary evaluation and A_n's;
 *   <li>area = sum over n of max(0, pre - A_n) * (s_n - s_{n-1}) with s_0 = b: each evaluation's shortfall held
 *       for the steps since the task's previous evaluation (accuracy times steps; with evaluation after every
 *       update it is the summed shortfall).
 * </ul>
 * The gap closes at recovery or at the next boundary or task end, whichever comes first, and then no longer changes.
 * Only evaluations with enough samples ({@link MetricsConfig#minSamples}) reach a gap: the caller filters.
 */
final class StabilityGap {
    private final long boundaryStep;
    private double pre;
    private int preSamples;
    private long evaluationsAfter;
    private double minimum = Double.NaN;
    private long minimumStep = -1;
    private long previousStep;
    private double area;
    private boolean leftBand;
    private long recoveredStep = -1;
    private boolean open = true;
    private long lastUpdateStep;

    /**
     * A gap opened at {@code boundaryStep}; {@code pre} (from {@code preSamples} samples, 0 if unknown) is NaN when
     * the task was not evaluated yet.
     */
    StabilityGap(long boundaryStep, double pre, int preSamples) {
        this.boundaryStep = boundaryStep;
        this.pre = pre;
        this.preSamples = preSamples;
        this.previousStep = boundaryStep;
        this.lastUpdateStep = boundaryStep;
    }

    boolean isOpen() {
        return open;
    }

    /** False while no evaluation at or before the boundary gave the pre-boundary accuracy. */
    boolean hasPreBoundaryAccuracy() {
        return !Double.isNaN(pre);
    }

    long boundaryStep() {
        return boundaryStep;
    }

    /**
     * Adds an evaluation of the task at {@code step} (at or after the boundary) on {@code samples} samples; a closed
     * gap ignores it.
     */
    void observe(long step, double accuracy, int samples, RecoveryTolerance recovery) {
        if (!open) {
            return;
        }
        lastUpdateStep = step;
        if (step == boundaryStep) {
            pre = accuracy;
            preSamples = samples;
            return;
        }
        if (evaluationsAfter == 0 || accuracy < minimum) {
            minimum = accuracy;
            minimumStep = step;
        }
        area += Math.max(0, pre - accuracy) * (step - previousStep);
        previousStep = step;
        evaluationsAfter++;
        int fewerSamples = preSamples <= 0 || samples <= 0 ? 0 : Math.min(preSamples, samples);
        if (accuracy < recovery.threshold(pre, fewerSamples)) {
            leftBand = true;
        } else if (leftBand) {
            recoveredStep = step;
            open = false;
        }
    }

    void close(long step) {
        if (open) {
            open = false;
            lastUpdateStep = step;
        }
    }

    GapReport report(int taskId) {
        boolean measured = evaluationsAfter > 0;
        Long stepsToRecover = recoveredStep >= 0 ? Long.valueOf(recoveredStep - boundaryStep)
                : measured && !leftBand ? Long.valueOf(0) : null;
        return new GapReport(taskId, boundaryStep, pre, measured ? pre - minimum : null,
                measured ? minimumStep - boundaryStep : null, stepsToRecover, measured ? area : null, open,
                lastUpdateStep);
    }

    void writeTo(DataOutput out) throws IOException {
        out.writeLong(boundaryStep);
        out.writeDouble(pre);
        out.writeInt(preSamples);
        out.writeLong(evaluationsAfter);
        out.writeDouble(minimum);
        out.writeLong(minimumStep);
        out.writeLong(previousStep);
        out.writeDouble(area);
        out.writeBoolean(leftBand);
        out.writeLong(recoveredStep);
        out.writeBoolean(open);
        out.writeLong(lastUpdateStep);
    }

    /** Reads a gap written by {@link #writeTo} in metrics format {@code version}; version 1 kept no sample count. */
    static StabilityGap readFrom(DataInput in, int version) throws IOException {
        long boundaryStep = in.readLong();
        double pre = in.readDouble();
        StabilityGap gap = new StabilityGap(boundaryStep, pre, version >= 2 ? in.readInt() : 0);
        gap.evaluationsAfter = in.readLong();
        gap.minimum = in.readDouble();
        gap.minimumStep = in.readLong();
        gap.previousStep = in.readLong();
        gap.area = in.readDouble();
        gap.leftBand = in.readBoolean();
        gap.recoveredStep = in.readLong();
        gap.open = in.readBoolean();
        gap.lastUpdateStep = in.readLong();
        return gap;
    }
}
