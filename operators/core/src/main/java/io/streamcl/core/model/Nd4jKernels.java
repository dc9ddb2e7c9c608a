package io.streamcl.core.model;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * {@link MatrixKernels} through ND4J's gemm on preallocated native buffers: operands are bulk-copied in and
 * results out (a memcpy each, cheap next to the gemm), so the rest of the model stays on the heap. Fastest for
 * batches of tens of rows and more (build-notes.md, "ND4J cost model").
 */
final class Nd4jKernels implements MatrixKernels {
    private final ParameterLayout layout;
    private final INDArray params;
    private final FloatBuffer paramsBuffer;
    private final INDArray[] weights;
    private final INDArray grad;
    private final FloatBuffer gradBuffer;
    private final INDArray[] weightGrads;
    private final INDArray[] inputs;
    private final INDArray[] outputs;
    private final INDArray[] belows;
    private final int[] viewRows;
    private final INDArray[][] views;

    Nd4jKernels(ParameterLayout layout, int capacity) {
        this.layout = layout;
        int layers = layout.layers();
        params = Nd4j.create(DataType.FLOAT, layout.size());
        paramsBuffer = params.data().asNioFloat();
        weights = matrixViews(layout, params);
        grad = Nd4j.create(DataType.FLOAT, layout.size());
        gradBuffer = grad.data().asNioFloat();
        weightGrads = matrixViews(layout, grad);
        inputs = new INDArray[layers];
        outputs = new INDArray[layers];
        belows = new INDArray[layers];
        for (int l = 0; l < layers; l++) {
            inputs[l] = Nd4j.create(DataType.FLOAT, new long[] {capacity, layout.fanIn(l)}, 'c');
            outputs[l] = Nd4j.create(DataType.FLOAT, new long[] {capacity, layout.fanOut(l)}, 'c');
            belows[l] = Nd4j.create(DataType.FLOAT, new long[] {capacity, layout.fanIn(l)}, 'c');
        }
        viewRows = new int[layers];
        views = new INDArray[layers][];
    }

    private static INDArray[] matrixViews(ParameterLayout layout, INDArray flat) {
        INDArray[] views = new INDArray[layout.layers()];
        for (int l = 0; l < layout.layers(); l++) {
            views[l] = flat.get(NDArrayIndex.interval(layout.weightOffset(l), layout.biasOffset(l)))
                    .reshape('c', layout.fanIn(l), layout.fanOut(l));
        }
        return views;
    }

    @Override
    public void load(float[] heap) {
        paramsBuffer.put(0, heap, 0, heap.length);
    }

    @Override
    public void forward(int l, float[] a, int rows, float[] heapParams, float[] z) {
        INDArray[] v = views(l, rows);
        inputs[l].data().asNioFloat().put(0, a, 0, rows * layout.fanIn(l));
        Nd4j.gemm(v[0], weights[l], v[1], false, false, 1.0, 0.0);
        outputs[l].data().asNioFloat().get(0, z, 0, rows * layout.fanOut(l));
    }

    @Override
    public void weightGradient(int l, float[] a, float[] delta, int rows, float[] heapGrad) {
        INDArray[] v = views(l, rows);
        outputs[l].data().asNioFloat().put(0, delta, 0, rows * layout.fanOut(l));
        Nd4j.gemm(v[0], v[1], weightGrads[l], true, false, 1.0, 0.0);
        int from = layout.weightOffset(l);
        gradBuffer.get(from, heapGrad, from, layout.biasOffset(l) - from);
    }

    /** Reads the delta that {@link #weightGradient} just copied in for the same layer. */
    @Override
    public void backpropagate(int l, float[] delta, int rows, float[] heapParams, float[] below) {
        INDArray[] v = views(l, rows);
        Nd4j.gemm(v[1], weights[l], v[2], false, true, 1.0, 0.0);
        belows[l].data().asNioFloat().get(0, below, 0, rows * layout.fanIn(l));
    }

    /** Row-prefix views of layer l's input, output and below buffers, rebuilt only when the row count changes. */
    private INDArray[] views(int l, int rows) {
        if (views[l] == null || viewRows[l] != rows) {
            views[l] = new INDArray[] {prefix(inputs[l], rows), prefix(outputs[l], rows), prefix(belows[l], rows)};
            viewRows[l] = rows;
        }
        return views[l];
    }

    private static INDArray prefix(INDArray matrix, int rows) {
        return rows == matrix.rows() ? matrix : matrix.get(NDArrayIndex.interval(0, rows), NDArrayIndex.all());
    }
}
