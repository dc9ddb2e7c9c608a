package io.streamcl.core.model;

/**
 * The three matrix products of an MLP's forward and backward pass, on row-major heap arrays laid out as in
 * {@link ParameterLayout}. Two implementations exist so that {@link Mlp} can pick the fastest per batch size
 * behind one interface: plain Java loops for small batches, where ND4J's per-op dispatch dominates, and ND4J
 * gemm for large ones.
 */
interface MatrixKernels {

    /** Makes the current weights visible to the kernels; called once before each forward pass. */
    void load(float[] params);

    /** {@code z = a * W_l} for the first {@code rows} rows of {@code a} ({@code rows x in}). */
    void forward(int l, float[] a, int rows, float[] params, float[] z);

    /** {@code grad[W_l] = a^T * delta} ({@code in x out}), overwriting layer {@code l}'s weight gradient. */
    void weightGradient(int l, float[] a, float[] delta, int rows, float[] grad);

    /**
     * {@code below = delta * W_l^T}: the gradient with respect to layer {@code l}'s inputs; called right after
     * {@link #weightGradient} with the same layer and delta.
     */
    void backpropagate(int l, float[] delta, int rows, float[] params, float[] below);
}
