/**
 * Plasticity-preserving stages ({@code docs/optimizers.md}): continual backprop, ReDo, shrink-and-perturb, L2 and
 * L2 Init, UPGD, spectral regularisation and Normalize-and-Project, each composable with every base step.
 */
package io.streamcl.core.optim.plasticity;
