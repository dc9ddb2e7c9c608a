package io.streamcl.core.model;

import static org.bytedeco.openblas.global.openblas.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas.CblasTrans;
import static org.bytedeco.openblas.global.openblas.cblas_sgemm;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * {@link MatrixKernels} as OpenBLAS {@code sgemm} calls (the OpenBLAS that ND4J itself links, called through
 * JavaCPP) on preallocated direct buffers: operands are bulk-copied in and results out, each a memcpy, the weights
 * once per forward pass. Calling {@code sgemm} directly skips ND4J's per-op dispatch, and direct buffers avoid
 * JavaCPP's heap-array path, which copies a whole Java array in and out on every call. Fastest from a few rows on.
 *
 * <p>OpenBLAS picks its kernel and thread count when it loads: set {@code OPENBLAS_CORETYPE} on CPUs it does not
 * recognise and one thread per Flink slot ({@code OPENBLAS_NUM_THREADS=1}, {@code OMP_WAIT_POLICY=PASSIVE}), see
 * {@code docs/operations.md}.
 */
final class BlasKernels implements MatrixKernels {
    private final ParameterLayout layout;
    private final FloatBuffer params;
    private final FloatBuffer[] weights;
    private final FloatBuffer[] inputs;
    private final FloatBuffer[] outputs;
    private final FloatBuffer[] belows;
    private final FloatBuffer weightGradient;

    BlasKernels(ParameterLayout layout, int capacity) {
        this.layout = layout;
        int layers = layout.layers();
        params = direct(layout.size());
        weights = new FloatBuffer[layers];
        inputs = new FloatBuffer[layers];
        outputs = new FloatBuffer[layers];
        belows = new FloatBuffer[layers];
        int largest = 0;
        for (int l = 0; l < layers; l++) {
            int size = layout.fanIn(l) * layout.fanOut(l);
            weights[l] = params.slice(layout.weightOffset(l), size);
            inputs[l] = direct(capacity * layout.fanIn(l));
            outputs[l] = direct(capacity * layout.fanOut(l));
            belows[l] = direct(capacity * layout.fanIn(l));
            largest = Math.max(largest, size);
        }
        weightGradient = direct(largest);
    }

    private static FloatBuffer direct(int floats) {
        return ByteBuffer.allocateDirect(4 * floats).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    @Override
    public void load(float[] heapParams) {
        params.put(0, heapParams, 0, heapParams.length);
    }

    @Override
    public void forward(int l, float[] a, int rows, float[] heapParams, float[] z) {
        int in = layout.fanIn(l);
        int out = layout.fanOut(l);
        inputs[l].put(0, a, 0, rows * in);
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, rows, out, in, 1f, inputs[l], in, weights[l], out, 0f,
                outputs[l], out);
        outputs[l].get(0, z, 0, rows * out);
    }

    /** Uses the input the forward pass copied in, and leaves {@code delta} in place for {@link #backpropagate}. */
    @Override
    public void weightGradient(int l, float[] a, float[] delta, int rows, float[] grad) {
        int in = layout.fanIn(l);
        int out = layout.fanOut(l);
        outputs[l].put(0, delta, 0, rows * out);
        cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, in, out, rows, 1f, inputs[l], in, outputs[l], out, 0f,
                weightGradient, out);
        weightGradient.get(0, grad, layout.weightOffset(l), in * out);
    }

    @Override
    public void backpropagate(int l, float[] delta, int rows, float[] heapParams, float[] below) {
        int in = layout.fanIn(l);
        int out = layout.fanOut(l);
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, rows, in, out, 1f, outputs[l], out, weights[l], out, 0f,
                belows[l], in);
        belows[l].get(0, below, 0, rows * in);
    }
}
