package io.streamcl.core.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.eigen.Eigen;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The diagnostics' singular values (OpenBLAS {@code dsyrk} + LAPACK {@code dsyev} through JavaCPP) against ND4J's
 * own linear algebra ({@code Nd4j.gemm} + {@code Eigen.symmetricGeneralizedEigenvalues}, what the job used before its
 * jar dropped ND4J's native library), on representation-like matrices: ReLU outputs with dead units.
 */
class SingularValuesTest {

    @Test
    void agreeWithNd4jsEigendecompositionOfTheGramMatrix() {
        SplittableRandom random = new SplittableRandom(11);
        for (int[] shape : new int[][] {{200, 64}, {2000, 256}, {30, 50}}) {
            int rows = shape[0];
            int width = shape[1];
            float[] phi = new float[rows * width];
            for (int i = 0; i < phi.length; i++) {
                boolean dead = (i % width) % 7 == 0;
                phi[i] = dead ? 0f : (float) Math.max(0, random.nextGaussian() + 0.2 * (i % width) / width);
            }
            double[] ours = SingularValues.of(phi, rows, width);
            double[] nd4j = nd4jSingularValues(phi, rows, width);
            double scale = nd4j[0];
            assertThat(ours).as("%d x %d", rows, width).hasSize(width);
            for (int k = 0; k < width; k++) {
                assertThat(ours[k]).as("σ_%d of %d x %d", k, rows, width).isCloseTo(nd4j[k], within(1e-9 * scale + 1e-6));
            }
            assertThat(SingularValues.effectiveRank(ours)).isCloseTo(SingularValues.effectiveRank(nd4j), within(1e-6));
            assertThat(SingularValues.approximateRank(ours, 0.99)).isEqualTo(SingularValues.approximateRank(nd4j, 0.99));
        }
    }

    private static double[] nd4jSingularValues(float[] matrix, int rows, int width) {
        INDArray phi = Nd4j.create(DataType.DOUBLE, rows, width);
        for (int r = 0; r < rows; r++) {
            for (int k = 0; k < width; k++) {
                phi.putScalar(r, k, matrix[r * width + k]);
            }
        }
        INDArray gram = Nd4j.create(DataType.DOUBLE, new long[] {width, width}, 'f');
        Nd4j.gemm(phi, phi, gram, true, false, 1.0, 0.0);
        double[] sigma = Arrays.stream(Eigen.symmetricGeneralizedEigenvalues(gram, false).toDoubleVector())
                .map(e -> Math.sqrt(Math.max(0.0, e))).sorted().toArray();
        for (int i = 0, j = width - 1; i < j; i++, j--) {
            double t = sigma[i];
            sigma[i] = sigma[j];
            sigma[j] = t;
        }
        return sigma;
    }
}
