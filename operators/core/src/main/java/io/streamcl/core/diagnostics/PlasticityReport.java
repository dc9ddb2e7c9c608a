package io.streamcl.core.diagnostics;

import io.streamcl.core.model.ParameterLayout;

/**
 * Plasticity diagnostics of one model on one probe batch, per hidden layer (index l) or per weight layer, plus
 * the gradient norm of the learner's last update (NaN when not known).
 *
 * @param deadFraction units whose |activation| sums to 0 over the probe (Dohare's Permuted-MNIST "dead")
 * @param dormantFraction units non-zero on fewer than 1 % of the probe inputs (Dohare's incremental-CIFAR "dormant")
 * @param effectiveRank Roy and Vetterli's effective rank of the layer's representation
 * @param approximateRank the smallest k whose top-k σ² hold 99 % of Σσ²
 * @param weightMagnitude mean |w| of each weight layer's matrix
 */
public record PlasticityReport(double[] deadFraction, double[] dormantFraction, double[] effectiveRank,
        int[] approximateRank, double[] weightMagnitude, double gradientNorm) {

    /** Dormant units over all hidden layers, weighting each layer by its width. */
    public double overallDormantFraction(ParameterLayout layout) {
        double dormant = 0;
        int units = 0;
        for (int l = 0; l < dormantFraction.length; l++) {
            dormant += dormantFraction[l] * layout.fanOut(l);
            units += layout.fanOut(l);
        }
        return units == 0 ? Double.NaN : dormant / units;
    }

    /** Mean |w| over all weight matrices, weighting each layer by its number of weights. */
    public double overallWeightMagnitude(ParameterLayout layout) {
        double sum = 0;
        long weights = 0;
        for (int l = 0; l < weightMagnitude.length; l++) {
            long n = (long) layout.fanIn(l) * layout.fanOut(l);
            sum += weightMagnitude[l] * n;
            weights += n;
        }
        return sum / weights;
    }
}
