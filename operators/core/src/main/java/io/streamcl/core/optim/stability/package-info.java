/**
 * Optimizer-level stability stages ({@code docs/optimizers.md}), each composable with any base step: norm clipping
 * (global and per tensor), AdaGC, SPAM, Stable-SPAM, Fira's growth limiter as gradient transforms, and the cautious
 * mask and cautious weight decay as update transforms.
 */
package io.streamcl.core.optim.stability;
