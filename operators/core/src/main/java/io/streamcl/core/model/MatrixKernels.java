package io.streamcl.core.model;

/**
 * The three matrix products of an MLP's forward and backward pass, on row-major heap arrays laid out as in
 * {@link ParameterLayout}. Two implementations exist so that {@link Mlp} can pick the fastest per batch size
 * behind one interface: plain Java loops for a single row, BLAS gemm for more.
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
     * {@link #weightGradient} with the same layer and delta, after a forward pass of the same rows.
     */
    void backpropagate(int l, float[] delta, int rows, float[] params, float[] below);
}
