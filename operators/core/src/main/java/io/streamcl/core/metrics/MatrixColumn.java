package io.streamcl.core.metrics;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * What one task j's column of the accuracy matrix R (R_{k,j}: accuracy on j when training on task k ended) adds to
 * ACC, BWT, FWT and forgetting, kept as five numbers so that memory stays O(1) per task however many boundaries
 * pass (drift segments, recurring tasks).
 *
 * <p>Kept: b_j ({@link #initial}); R_{i,j} for the task i trained just before j first started, from an evaluation
 * at exactly that step since an older one saw another model ({@link #beforeTraining}); R_{j,j} of j's latest finished
 * training period ({@link #endOfTraining}); the largest R_{l,j} over the earlier rows l recorded since j started
 * ({@link #bestEarlier}, Chaudhry's max over l &lt; k, which therefore ignores rows from before j was trained); and
 * R_{k,j} in the newest row ({@link #current}).
 */
final class MatrixColumn {
    double initial = Double.NaN;
    double beforeTraining = Double.NaN;
    double endOfTraining = Double.NaN;
    double bestEarlier = Double.NaN;
    double current = Double.NaN;
    /** Whether j is in the newest row, i.e. had started training when that row was taken. */
    boolean inRow;
    /** FWT (GEM's j = 2..T) applies only to tasks whose training began after another task's. */
    boolean startedAfterAnother;

    /** The newest row becomes an earlier row; {@code wasEnded} says j's own training ended at that row. */
    void retireRow(boolean wasEnded) {
        if (inRow && !Double.isNaN(current)) {
            bestEarlier = Double.isNaN(bestEarlier) ? current : Math.max(bestEarlier, current);
        }
        if (inRow && wasEnded) {
            endOfTraining = current;
        }
        inRow = false;
        current = Double.NaN;
    }

    void joinRow(double latestAccuracy) {
        inRow = true;
        current = latestAccuracy;
    }

    void writeTo(DataOutput out) throws IOException {
        out.writeDouble(initial);
        out.writeDouble(beforeTraining);
        out.writeDouble(endOfTraining);
        out.writeDouble(bestEarlier);
        out.writeDouble(current);
        out.writeBoolean(inRow);
        out.writeBoolean(startedAfterAnother);
    }

    static MatrixColumn readFrom(DataInput in) throws IOException {
        MatrixColumn column = new MatrixColumn();
        column.initial = in.readDouble();
        column.beforeTraining = in.readDouble();
        column.endOfTraining = in.readDouble();
        column.bestEarlier = in.readDouble();
        column.current = in.readDouble();
        column.inRow = in.readBoolean();
        column.startedAfterAnother = in.readBoolean();
        return column;
    }
}
