/**
 * Continual-evaluation metrics as bounded accumulators with a versioned binary form, plus the policy that decides
 * when to evaluate; pure Java, so the Flink learner keeps them in keyed state and maps their reports to Avro.
 *
 * <p>Definitions follow {@code docs/metrics.md}: De Lange et al., "Continual evaluation for lifelong
 * learning: identifying the stability gap" (ICLR 2023); Lopez-Paz and Ranzato, "Gradient Episodic Memory for
 * Continual Learning" (NeurIPS 2017); Chaudhry et al., "Riemannian Walk for Incremental Learning" (ECCV 2018) and
 * "Efficient Lifelong Learning with A-GEM" (ICLR 2019). Inside the package an unknown number is stored as NaN and
 * an unknown step as -1; reports turn both into null.
 */
package io.streamcl.core.metrics;
