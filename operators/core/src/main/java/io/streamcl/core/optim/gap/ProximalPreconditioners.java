package io.streamcl.core.optim.gap;

import static org.bytedeco.openblas.global.openblas.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas.CblasTrans;
import static org.bytedeco.openblas.global.openblas.CblasUpper;
import static org.bytedeco.openblas.global.openblas.LAPACKE_dpotrf;
import static org.bytedeco.openblas.global.openblas.LAPACKE_dpotri;
import static org.bytedeco.openblas.global.openblas.LAPACK_ROW_MAJOR;
import static org.bytedeco.openblas.global.openblas.cblas_sgemm;
import static org.bytedeco.openblas.global.openblas.cblas_ssyrk;

import io.streamcl.core.model.Mlp;
import io.streamcl.core.model.MlpConfig;
import io.streamcl.core.model.MlpWorkspace;
import io.streamcl.core.model.ParameterLayout;
import io.streamcl.core.optim.ReplayInputs;
import java.nio.FloatBuffer;

/**
 * The linear algebra of {@link LayerwiseProximalReplay} on OpenBLAS (the library ND4J links): each layer's
 * uncentred input Gram matrix {@code Z_lᵀ Z_l} over replayed rows (a rank-k update per chunk of rows), its
 * regularised inverse by Cholesky factorisation (LAPACK {@code potrf}, {@code potri}, in double), and the product
 * with a layer's gradient block.
 */
final class ProximalPreconditioners {
    /** Rows per forward pass when collecting layer inputs. */
    private static final int CHUNK = 256;

    private final ParameterLayout layout;
    private final float[][] grams;
    private final int rows;

    private ProximalPreconditioners(ParameterLayout layout, float[][] grams, int rows) {
        this.layout = layout;
        this.grams = grams;
        this.rows = rows;
    }

    /**
     * The Gram matrices of every layer's inputs (ones appended) on up to {@code sample} rows drawn from {@code
     * replay} with {@code key}, run through the model of {@code parameters}; null when the memory is empty.
     */
    static ProximalPreconditioners draw(MlpConfig config, float[] parameters, ReplayInputs replay, long key,
            int sample) {
        int inputs = config.inputs();
        float[] x = new float[sample * inputs];
        int n = replay.draw(key, sample, FloatBuffer.wrap(x));
        if (n == 0) {
            return null;
        }
        Mlp model = Mlp.withParameters(config, parameters);
        ParameterLayout layout = model.layout();
        int chunk = Math.min(CHUNK, n);
        MlpWorkspace ws = model.workspace(chunk);
        float[][] grams = new float[layout.layers()][];
        float[][] extended = new float[layout.layers()][];
        for (int l = 0; l < layout.layers(); l++) {
            int side = layout.fanIn(l) + 1;
            grams[l] = new float[side * side];
            extended[l] = new float[chunk * side];
        }
        for (int from = 0; from < n; from += chunk) {
            int count = Math.min(chunk, n - from);
            ws.inputBuffer().put(0, x, from * inputs, count * inputs);
            model.forward(ws, count);
            for (int l = 0; l < layout.layers(); l++) {
                int in = layout.fanIn(l);
                float[] a = l == 0 ? x : ws.hiddenActivations(l - 1);
                int first = l == 0 ? from * inputs : 0;
                float[] z = extended[l];
                for (int r = 0; r < count; r++) {
                    System.arraycopy(a, first + r * in, z, r * (in + 1), in);
                    z[r * (in + 1) + in] = 1f;
                }
                cblas_ssyrk(CblasRowMajor, CblasUpper, CblasTrans, in + 1, count, 1f, z, in + 1, 1f, grams[l], in + 1);
            }
        }
        return new ProximalPreconditioners(layout, grams, n);
    }

    /** Writes {@code (I + ω Z_lᵀZ_l / n)⁻¹} of layer {@code l} into {@code out}, row-major and symmetric. */
    void invert(int l, double omega, float[] out) {
        int side = layout.fanIn(l) + 1;
        float[] gram = grams[l];
        double[] m = new double[side * side];
        double scale = omega / rows;
        for (int i = 0; i < side; i++) {
            for (int j = i; j < side; j++) {
                m[i * side + j] = scale * gram[i * side + j] + (i == j ? 1 : 0);
            }
        }
        int info = LAPACKE_dpotrf(LAPACK_ROW_MAJOR, (byte) 'U', side, m, side);
        if (info == 0) {
            info = LAPACKE_dpotri(LAPACK_ROW_MAJOR, (byte) 'U', side, m, side);
        }
        if (info != 0) {
            // I + a Gram matrix is positive definite; a failure means non-finite activations
            throw new IllegalStateException("LPR preconditioner of layer " + l + " is not positive definite (LAPACK "
                    + "info " + info + "): the replayed activations are not finite");
        }
        for (int i = 0; i < side; i++) {
            for (int j = i; j < side; j++) {
                float v = (float) m[i * side + j];
                out[i * side + j] = v;
                out[j * side + i] = v;
            }
        }
    }

    /**
     * Replaces the {@code side x width} block of {@code gradient} at {@code offset} (a layer's weights with its bias
     * as the last row) by {@code p} times it.
     */
    static void precondition(float[] p, float[] gradient, int offset, int side, int width) {
        float[] g = new float[side * width];
        System.arraycopy(gradient, offset, g, 0, g.length);
        float[] result = new float[g.length];
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, side, width, side, 1f, p, side, g, width, 0f, result,
                width);
        System.arraycopy(result, 0, gradient, offset, result.length);
    }
}
