/**
 * Neural-network models with all parameters in one flat vector: {@link io.streamcl.core.model.Mlp}, its shape
 * ({@link io.streamcl.core.model.MlpConfig}, {@link io.streamcl.core.model.ParameterLayout}) and its preallocated
 * buffers ({@link io.streamcl.core.model.MlpWorkspace}).
 */
package io.streamcl.core.model;
