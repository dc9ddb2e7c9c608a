package io.streamcl.core.diagnostics;

import static org.bytedeco.openblas.global.openblas.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas.CblasTrans;
import static org.bytedeco.openblas.global.openblas.CblasUpper;
import static org.bytedeco.openblas.global.openblas.LAPACKE_dsyev;
import static org.bytedeco.openblas.global.openblas.LAPACK_ROW_MAJOR;
import static org.bytedeco.openblas.global.openblas.cblas_dsyrk;

import java.util.Arrays;

/**
 * Singular values of a representation matrix Φ ({@code rows x width}) and the rank summaries of Dohare et al.
 * (Nature 2024, {@code lop/utils/miscellaneous.py}) computed from them ({@code docs/metrics.md}).
 *
 * <p>The singular values are the square roots of the eigenvalues of the Gram matrix ΦᵀΦ, built by BLAS ({@code
 * dsyrk}) and decomposed by LAPACK ({@code dsyev}), both from the OpenBLAS that ND4J ships and the matrix products
 * use, called through JavaCPP: O(rows·width²) + O(width³), about 10–50 ms for 2000 × 256 here. ND4J's own {@code
 * Eigen} calls the same LAPACK routine but needs ND4J's 320 MB native library, which the cluster jar leaves out;
 * the tests check that both agree. Squaring loses the relative precision of singular values below ~1e-8 of the
 * largest, which the summaries ignore anyway.
 */
public final class SingularValues {
    private SingularValues() {}

    /** Singular values of the row-major {@code rows x width} matrix, largest first. */
    public static double[] of(float[] matrix, int rows, int width) {
        double[] phi = new double[rows * width];
        for (int i = 0; i < phi.length; i++) {
            phi[i] = matrix[i];
        }
        double[] gram = new double[width * width];
        cblas_dsyrk(CblasRowMajor, CblasUpper, CblasTrans, width, rows, 1.0, phi, width, 0.0, gram, width);
        double[] eigen = new double[width];
        int info = LAPACKE_dsyev(LAPACK_ROW_MAJOR, (byte) 'N', (byte) 'U', width, gram, width, eigen);
        if (info != 0) {
            throw new ArithmeticException("LAPACK dsyev failed on a " + width + " x " + width + " Gram matrix: info "
                    + info);
        }
        double[] sigma = new double[width];
        for (int k = 0; k < width; k++) {
            sigma[k] = Math.sqrt(Math.max(0.0, eigen[k]));
        }
        Arrays.sort(sigma);
        for (int i = 0, j = width - 1; i < j; i++, j--) {
            double t = sigma[i];
            sigma[i] = sigma[j];
            sigma[j] = t;
        }
        return sigma;
    }

    /** Roy and Vetterli's effective rank {@code exp(-Σ p_k ln p_k)}, {@code p_k = σ_k / Σσ}, 0·ln 0 = 0. */
    public static double effectiveRank(double[] sigma) {
        double total = Arrays.stream(sigma).sum();
        if (total == 0) {
            return 0;
        }
        double entropy = 0;
        for (double s : sigma) {
            double p = s / total;
            if (p > 0) {
                entropy -= p * Math.log(p);
            }
        }
        return Math.exp(entropy);
    }

    /** The smallest k whose k largest σ² hold at least {@code fraction} of Σσ² (Dohare's approximate rank). */
    public static int approximateRank(double[] sigma, double fraction) {
        double[] squares = Arrays.stream(sigma).map(s -> s * s).toArray();
        return cumulativeRank(squares, fraction);
    }

    /** The same count with σ in place of σ² (Dohare's "abs approximate rank"). */
    public static int absApproximateRank(double[] sigma, double fraction) {
        return cumulativeRank(sigma, fraction);
    }

    private static int cumulativeRank(double[] descending, double fraction) {
        double total = Arrays.stream(descending).sum();
        double sum = 0;
        for (int k = 0; k < descending.length; k++) {
            sum += descending[k];
            if (sum >= fraction * total) {
                return k + 1;
            }
        }
        return descending.length;
    }
}
