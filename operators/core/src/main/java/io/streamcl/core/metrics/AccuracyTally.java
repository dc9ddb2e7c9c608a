package io.streamcl.core.metrics;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Correct predictions out of examples seen, mergeable by addition: the prequential (test-then-train) accuracy of one
 * task's training examples, or the tally of one slice of an evaluation set when slices are evaluated apart.
 *
 * <p>Over one task this is Kumar et al.'s "average online task accuracy" ({@code docs/metrics.md}) when every
 * example is predicted before it is learned.
 */
public final class AccuracyTally {
    /** Version of the binary form written by {@link #writeTo}. */
    public static final int FORMAT_VERSION = 1;

    private long correct;
    private long examples;

    public void add(long correctPredictions, long predictedExamples) {
        if (predictedExamples < 0 || correctPredictions < 0 || correctPredictions > predictedExamples) {
            throw new IllegalArgumentException("correct must be in [0, examples], got correct=" + correctPredictions
                    + " examples=" + predictedExamples);
        }
        correct += correctPredictions;
        examples += predictedExamples;
    }

    /** Adds the other tally's counts; the order of merges does not matter. */
    public void merge(AccuracyTally other) {
        correct += other.correct;
        examples += other.examples;
    }

    public long correct() {
        return correct;
    }

    public long examples() {
        return examples;
    }

    /** Correct over examples; NaN before the first example. */
    public double accuracy() {
        return examples == 0 ? Double.NaN : (double) correct / examples;
    }

    public void writeTo(DataOutput out) throws IOException {
        out.writeInt(FORMAT_VERSION);
        out.writeLong(correct);
        out.writeLong(examples);
    }

    /** Reads a tally written by {@link #writeTo}; rejects other format versions. */
    public static AccuracyTally readFrom(DataInput in) throws IOException {
        int version = in.readInt();
        if (version != FORMAT_VERSION) {
            throw new IOException("accuracy tally has format version " + version + ", this build reads "
                    + FORMAT_VERSION);
        }
        AccuracyTally tally = new AccuracyTally();
        tally.add(in.readLong(), in.readLong());
        return tally;
    }
}
