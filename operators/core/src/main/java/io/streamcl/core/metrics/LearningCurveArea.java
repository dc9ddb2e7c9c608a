package io.streamcl.core.metrics;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * LCA_beta of one task (Chaudhry et al., "Efficient Lifelong Learning with A-GEM", ICLR 2019): the mean of the
 * task's first beta+1 evaluations from the start of its training, b = 0..beta.
 *
 * <p>A-GEM counts b in mini-batches; under continual evaluation b counts evaluations, as in De Lange et al.'s code.
 * Unlike that code, which averages beta values taken after the first update, b = 0 here is the evaluation at the
 * task's start step (the model before any update on it), as in A-GEM's sum over b = 0..beta. Like that code the
 * value is unknown until all beta+1 evaluations are in, so a task that ends sooner has no LCA.
 */
final class LearningCurveArea {
    private final int beta;
    private double sum;
    private int count;

    LearningCurveArea(int beta) {
        this.beta = beta;
    }

    void add(double accuracy) {
        if (count <= beta) {
            sum += accuracy;
            count++;
        }
    }

    /** The mean of the first beta+1 evaluations; NaN until there are that many. */
    double value() {
        return count > beta ? sum / count : Double.NaN;
    }

    void writeTo(DataOutput out) throws IOException {
        out.writeDouble(sum);
        out.writeInt(count);
    }

    static LearningCurveArea readFrom(DataInput in, int beta) throws IOException {
        LearningCurveArea area = new LearningCurveArea(beta);
        area.sum = in.readDouble();
        area.count = in.readInt();
        if (area.count < 0 || area.count > beta + 1) {
            throw new IOException("LCA with beta " + beta + " cannot have " + area.count + " evaluations");
        }
        return area;
    }
}
