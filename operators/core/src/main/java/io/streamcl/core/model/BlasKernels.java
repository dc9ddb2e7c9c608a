package io.streamcl.core.model;

import static org.bytedeco.openblas.global.openblas.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas.CblasTrans;
import static org.bytedeco.openblas.global.openblas.cblas_sgemm;

import java.nio.FloatBuffer;

/**
 * {@link MatrixKernels} as OpenBLAS {@code sgemm} calls straight on the heap arrays (the OpenBLAS that ND4J itself
 * links, through JavaCPP, which pins a heap array for the call): no copies into native buffers and none of ND4J's
 * per-op dispatch, which measured 1.5–3x faster than {@code Nd4j.gemm} on copied buffers at 32–128 rows. Fastest
 * from a few rows on.
 *
 * <p>OpenBLAS picks its kernel and thread count when it loads: set {@code OPENBLAS_CORETYPE} on CPUs it does not
 * recognise and one thread per Flink slot ({@code OPENBLAS_NUM_THREADS=1}, {@code OMP_WAIT_POLICY=PASSIVE}), see
 * build-notes.md.
 */
final class BlasKernels implements MatrixKernels {
    private final ParameterLayout layout;

    BlasKernels(ParameterLayout layout) {
        this.layout = layout;
    }

    @Override
    public void forward(int l, float[] a, int rows, float[] params, float[] z) {
        int in = layout.fanIn(l);
        int out = layout.fanOut(l);
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, rows, out, in, 1f, FloatBuffer.wrap(a), in,
                weights(params, l), out, 0f, FloatBuffer.wrap(z), out);
    }

    @Override
    public void weightGradient(int l, float[] a, float[] delta, int rows, float[] grad) {
        int in = layout.fanIn(l);
        int out = layout.fanOut(l);
        cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, in, out, rows, 1f, FloatBuffer.wrap(a), in,
                FloatBuffer.wrap(delta), out, 0f, weights(grad, l), out);
    }

    @Override
    public void backpropagate(int l, float[] delta, int rows, float[] params, float[] below) {
        int in = layout.fanIn(l);
        int out = layout.fanOut(l);
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, rows, in, out, 1f, FloatBuffer.wrap(delta), out,
                weights(params, l), out, 0f, FloatBuffer.wrap(below), in);
    }

    /** Layer l's weight block of a flat vector; JavaCPP passes the buffer's position as the matrix start. */
    private FloatBuffer weights(float[] flat, int l) {
        int from = layout.weightOffset(l);
        return FloatBuffer.wrap(flat, from, layout.biasOffset(l) - from);
    }
}
