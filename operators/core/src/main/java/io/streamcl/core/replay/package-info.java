/**
 * Experience replay ({@code docs/optimizers.md}): bounded, seeded replay memories (reservoir and class-balanced) with fixed
 * budgets in examples and bytes and a versioned binary form, and their settings ({@link
 * io.streamcl.core.replay.ReplayConfig}), from which the learner mixes replay rows into each update's batch and
 * draws A-GEM's reference batches.
 */
package io.streamcl.core.replay;
