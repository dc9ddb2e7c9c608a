/**
 * Stability-gap mitigations as update stages ({@code docs/optimizers.md}): A-GEM projection against a replay
 * reference gradient, EMA shadow weights, and the boundary policies that react to a task boundary (moment reset or
 * re-warm, learning-rate re-warm); replay itself lives in {@link io.streamcl.core.replay}.
 */
package io.streamcl.core.optim.gap;
