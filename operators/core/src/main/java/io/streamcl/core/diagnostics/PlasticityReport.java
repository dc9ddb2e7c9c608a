package io.streamcl.core.diagnostics;

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
        int[] approximateRank, double[] weightMagnitude, double gradientNorm) {}
