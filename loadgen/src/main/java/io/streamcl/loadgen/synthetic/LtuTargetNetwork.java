package io.streamcl.loadgen.synthetic;

import java.util.SplittableRandom;

/**
 * The fixed target of the bit-flipping problem: one hidden layer of linear threshold units with weights and biases
 * in {-1, +1}, as in Dohare et al.'s {@code FixLTUNet}.
 */
final class LtuTargetNetwork {

    private final int[][] inputWeights;
    private final int[] hiddenBias;
    private final double[] thresholds;
    private final int[] outputWeights;
    private final int outputBias;

    /** A network with random +-1 weights and biases. */
    LtuTargetNetwork(int inputs, int hiddenUnits, double beta, SplittableRandom random) {
        this(signs(random, hiddenUnits, inputs), signs(random, 1, hiddenUnits)[0], signs(random, 1, hiddenUnits)[0],
                signs(random, 1, 1)[0][0], beta);
    }

    /** A network with the given +-1 weights and biases. */
    LtuTargetNetwork(int[][] inputWeights, int[] hiddenBias, int[] outputWeights, int outputBias, double beta) {
        this.inputWeights = inputWeights;
        this.hiddenBias = hiddenBias;
        this.outputWeights = outputWeights;
        this.outputBias = outputBias;
        this.thresholds = new double[hiddenBias.length];
        int inputs = inputWeights[0].length;
        for (int h = 0; h < hiddenBias.length; h++) {
            int sum = 0;
            for (int w : inputWeights[h]) {
                sum += w;
            }
            // The reference counts the -1 weights as S = (m - sum(w) + b) / 2 and fires above beta * (m + 1) - S.
            double negatives = (inputs - sum + hiddenBias[h]) / 2.0;
            thresholds[h] = beta * (inputs + 1) - negatives;
        }
    }

    /** The target for an input of 0/1 bytes. */
    double target(byte[] bits) {
        double y = outputBias;
        for (int h = 0; h < outputWeights.length; h++) {
            int activation = hiddenBias[h];
            int[] w = inputWeights[h];
            for (int i = 0; i < w.length; i++) {
                activation += w[i] * bits[i];
            }
            if (activation > thresholds[h]) {
                y += outputWeights[h];
            }
        }
        return y;
    }

    private static int[][] signs(SplittableRandom random, int rows, int cols) {
        int[][] signs = new int[rows][cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                signs[r][c] = random.nextBoolean() ? 1 : -1;
            }
        }
        return signs;
    }
}
