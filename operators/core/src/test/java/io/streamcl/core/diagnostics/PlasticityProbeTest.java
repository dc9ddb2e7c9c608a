package io.streamcl.core.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.streamcl.core.model.Activation;
import io.streamcl.core.model.Mlp;
import io.streamcl.core.model.MlpConfig;
import io.streamcl.core.model.ParameterLayout;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Tests the plasticity diagnostics against hand-computed values. */
class PlasticityProbeTest {

    @Test
    void deadAndDormantFollowTheirTwoDefinitions() {
        // 100 rows x 3 units: unit 0 never active, unit 1 active once (1 %), unit 2 always
        float[] h = new float[300];
        h[3 * 7 + 1] = 0.5f;
        for (int r = 0; r < 100; r++) {
            h[3 * r + 2] = 1f;
        }
        assertThat(PlasticityProbe.deadFraction(h, 100, 3)).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(PlasticityProbe.dormantFraction(h, 100, 3)).isCloseTo(1.0 / 3, within(1e-12));
        // padded to 200 rows, unit 1 is active on 0.5 % of them: dormant, but not dead
        float[] padded = new float[600];
        System.arraycopy(h, 0, padded, 0, 300);
        assertThat(PlasticityProbe.deadFraction(padded, 200, 3)).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(PlasticityProbe.dormantFraction(padded, 200, 3)).isCloseTo(2.0 / 3, within(1e-12));
    }

    @Test
    void ranksOfAKnownSpectrum() {
        // Φ = diag(4, 2, 1, 0) padded to 6 rows: singular values 4, 2, 1, 0
        float[] phi = new float[6 * 4];
        phi[0] = 4;
        phi[4 + 1] = 2;
        phi[8 + 2] = 1;
        double[] sigma = SingularValues.of(phi, 6, 4);
        assertThat(sigma).containsExactly(new double[] {4, 2, 1, 0}, within(1e-6));
        double p1 = 4.0 / 7;
        double p2 = 2.0 / 7;
        double p3 = 1.0 / 7;
        double erank = Math.exp(-(p1 * Math.log(p1) + p2 * Math.log(p2) + p3 * Math.log(p3)));
        assertThat(SingularValues.effectiveRank(sigma)).isCloseTo(erank, within(1e-6));
        // σ² = 16, 4, 1: 16/21 < 0.99, 20/21 < 0.99, so all three are needed; at 0.75 one suffices
        assertThat(SingularValues.approximateRank(sigma, 0.99)).isEqualTo(3);
        assertThat(SingularValues.approximateRank(sigma, 0.75)).isEqualTo(1);
        assertThat(SingularValues.absApproximateRank(sigma, 0.8)).isEqualTo(2);
    }

    @Test
    void measuresAModelOnAProbeBatch() {
        MlpConfig config = new MlpConfig(10, new int[] {20, 8}, 3, Activation.RELU, 1);
        Mlp mlp = Mlp.initialize(config);
        SplittableRandom random = new SplittableRandom(3);
        float[] probe = new float[50 * 10];
        for (int i = 0; i < probe.length; i++) {
            probe[i] = (float) random.nextDouble(-1, 1);
        }
        PlasticityReport report = PlasticityProbe.measure(mlp, probe, 50, 1.25);
        assertThat(report.effectiveRank()).hasSize(2);
        assertThat(report.effectiveRank()[0]).isBetween(1.0, 20.0);
        assertThat(report.approximateRank()[1]).isBetween(1, 8);
        assertThat(report.deadFraction()[0]).isBetween(0.0, 0.5);
        ParameterLayout layout = mlp.layout();
        double expected = 0;
        for (int i = 0; i < layout.biasOffset(0); i++) {
            expected += Math.abs(mlp.parameters()[i]) / layout.biasOffset(0);
        }
        assertThat(report.weightMagnitude()[0]).isCloseTo(expected, within(1e-9));
        assertThat(report.gradientNorm()).isEqualTo(1.25);
        assertThat(PlasticityProbe.gradientNorm(new float[] {3, 4})).isEqualTo(5.0);
    }
}
