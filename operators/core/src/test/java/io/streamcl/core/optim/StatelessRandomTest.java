package io.streamcl.core.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Tests {@link StatelessRandom}: the quantile function, and the moments of its normal and uniform variates. */
class StatelessRandomTest {

    @Test
    void inverseNormalMatchesKnownQuantiles() {
        assertThat(StatelessRandom.inverseNormal(0.5)).isCloseTo(0, within(1e-12));
        assertThat(StatelessRandom.inverseNormal(0.975)).isCloseTo(1.959963984540054, within(1e-8));
        assertThat(StatelessRandom.inverseNormal(0.01)).isCloseTo(-2.326347874040841, within(1e-8));
        assertThat(StatelessRandom.inverseNormal(1e-6)).isCloseTo(-4.753424308822899, within(1e-7));
        assertThat(StatelessRandom.inverseNormal(0.3)).isCloseTo(-StatelessRandom.inverseNormal(0.7), within(1e-9));
    }

    @Test
    void normalVariatesHaveTheMomentsOfAStandardNormal() {
        long key = StatelessRandom.key(1, 2, 3);
        int n = 400_000;
        double sum = 0;
        double squares = 0;
        double fourth = 0;
        int inside = 0;
        for (int i = 0; i < n; i++) {
            double z = StatelessRandom.gaussian(key, i);
            sum += z;
            squares += z * z;
            fourth += z * z * z * z;
            inside += Math.abs(z) < 1.959964 ? 1 : 0;
        }
        assertThat(sum / n).isCloseTo(0, within(0.01));
        assertThat(squares / n).isCloseTo(1, within(0.01));
        assertThat(fourth / n).isCloseTo(3, within(0.05));
        assertThat((double) inside / n).isCloseTo(0.95, within(0.002));
        assertThat(StatelessRandom.gaussian(StatelessRandom.key(1, 2, 4), 0)).isNotEqualTo(StatelessRandom.gaussian(key, 0));
    }

    @Test
    void uniformsStayInRangeAndAreReproducible() {
        long key = StatelessRandom.key(7);
        double sum = 0;
        for (int i = 0; i < 100_000; i++) {
            double u = StatelessRandom.uniform(key, i, 2.0);
            assertThat(u).isBetween(-2.0, 2.0);
            sum += u;
        }
        assertThat(sum / 100_000).isCloseTo(0, within(0.02));
        assertThat(StatelessRandom.uniform(key, 5)).isEqualTo(StatelessRandom.uniform(StatelessRandom.key(7), 5));
    }
}
