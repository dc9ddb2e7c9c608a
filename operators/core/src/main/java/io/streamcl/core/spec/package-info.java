/**
 * The shared text vocabulary of configurations, {@code name(key=value,...)}: {@link io.streamcl.core.spec.Spec}
 * parses and prints it, {@link io.streamcl.core.spec.SpecArguments} reads its parameters with validation. Optimizer
 * stages ({@code io.streamcl.core.optim}), replay and change detectors ({@code io.streamcl.core.detect}) all use it.
 */
package io.streamcl.core.spec;
