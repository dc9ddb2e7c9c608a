/**
 * The update pipeline (see {@code docs/optimizers.md}): immutable stage configs ({@link io.streamcl.core.optim.StageConfig})
 * with separate states ({@link io.streamcl.core.optim.StageState}), composed in phases by an {@link
 * io.streamcl.core.optim.OptimizerConfig} and named by the text vocabulary of {@link
 * io.streamcl.core.spec.Spec} and {@link io.streamcl.core.optim.StageRegistry}, e.g. {@code
 * l2_init(lambda=0.01)+adam(lr=0.001)+cbp(rho=1e-4)}.
 */
package io.streamcl.core.optim;
