package io.streamcl.core.learner;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Training loss and prequential accuracy accumulated since the last report: bounded (four numbers), mergeable,
 * and drained into a {@link Report} each time the learner emits an evaluation event.
 */
public final class TrainingProgress {
    private long updates;
    private double lossSum;
    private long predicted;
    private long correct;

    /** Figures of one reporting window; accuracy and loss are NaN when the window saw no update. */
    public record Report(long updates, double meanLoss, long predicted, double onlineAccuracy) {}

    public void add(BatchResult result) {
        updates++;
        lossSum += result.loss();
        predicted += result.rows();
        correct += result.correctBeforeUpdate();
    }

    public void merge(TrainingProgress other) {
        updates += other.updates;
        lossSum += other.lossSum;
        predicted += other.predicted;
        correct += other.correct;
    }

    public long updates() {
        return updates;
    }

    /** The window's figures; the window starts over empty. */
    public Report drain() {
        Report report = new Report(updates, updates == 0 ? Double.NaN : lossSum / updates, predicted,
                predicted == 0 ? Double.NaN : (double) correct / predicted);
        updates = 0;
        lossSum = 0;
        predicted = 0;
        correct = 0;
        return report;
    }

    public void writeTo(DataOutput out) throws IOException {
        out.writeLong(updates);
        out.writeDouble(lossSum);
        out.writeLong(predicted);
        out.writeLong(correct);
    }

    public static TrainingProgress readFrom(DataInput in) throws IOException {
        TrainingProgress progress = new TrainingProgress();
        progress.updates = in.readLong();
        progress.lossSum = in.readDouble();
        progress.predicted = in.readLong();
        progress.correct = in.readLong();
        return progress;
    }
}
