package io.streamcl.core.detect;

import io.streamcl.core.spec.Spec;
import java.util.SplittableRandom;
import java.util.function.IntToDoubleFunction;

/**
 * Generators of labeled training-loss streams, one value per update: a true loss curve times multiplicative
 * mini-batch noise {@code exp(0.25 N(0,1) - 0.25^2/2)}, with one update in a hundred a hard batch whose loss is 2 to
 * 4 times higher (the spikes a boundary detector must not take for a new task).
 */
final class SyntheticLossStreams {
    /** Updates of the first task before a switch: long enough for it to converge. */
    static final int SWITCH_LEAD = 1000;
    /** Time constant of a task's learning curve, in updates. */
    static final double TAU = 150;
    /** The untrained loss of a 10-class softmax classifier, ln 10. */
    static final double UNTRAINED = Math.log(10);
    private static final double NOISE = 0.25;

    private final SplittableRandom random;

    SyntheticLossStreams(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** One long task: the loss falls from {@link #UNTRAINED} to {@code floor} with time constant {@code tau}. */
    LabeledStream curve(double floor, double tau, int length) {
        return new LabeledStream("curve 2.3->" + Spec.number(floor), sample(length,
                t -> floor + (UNTRAINED - floor) * Math.exp(-t / tau)), -1, 0.0, -1);
    }

    /**
     * A task switch: a first task learned to a floor drawn from [0.05, 0.3] over {@link #SWITCH_LEAD} updates, then
     * the loss jumps to {@code factor} times that floor and the new task is learned with the same time constant;
     * the switch counts as detectable for one time constant.
     */
    LabeledStream taskSwitch(double factor) {
        double floor = 0.05 + 0.25 * random.nextDouble();
        int end = SWITCH_LEAD + (int) TAU;
        IntToDoubleFunction loss = t -> t < SWITCH_LEAD ? floor + (UNTRAINED - floor) * Math.exp(-t / TAU)
                : floor + (factor - 1) * floor * Math.exp(-(t - SWITCH_LEAD) / TAU);
        return new LabeledStream("switch x" + Spec.number(factor), sample(end + 2 * (int) TAU, loss),
                SWITCH_LEAD, factor, end);
    }

    private double[] sample(int length, IntToDoubleFunction loss) {
        double[] values = new double[length];
        for (int t = 0; t < length; t++) {
            double hard = random.nextDouble() < 0.01 ? 2 + 2 * random.nextDouble() : 1.0;
            values[t] = loss.applyAsDouble(t) * hard * Math.exp(NOISE * random.nextGaussian() - NOISE * NOISE / 2);
        }
        return values;
    }
}
