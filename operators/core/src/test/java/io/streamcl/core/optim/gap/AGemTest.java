package io.streamcl.core.optim.gap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.streamcl.core.optim.PipelineHarness;
import io.streamcl.core.optim.StageFixture;
import io.streamcl.core.optim.StageState;
import io.streamcl.core.optim.StepContext;
import io.streamcl.core.optim.StepSignals;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Tests the A-GEM projection against its formula, computed by hand in double precision. */
class AGemTest {

    @Test
    void projectsAConflictingGradientOntoTheReferencesNormalPlane() {
        AGem agem = new AGem(AGem.DEFAULT_SAMPLE, AGem.DEFAULT_EPS);
        StageFixture f = new StageFixture(false, 2, 8);
        float[] ref = new float[f.gradient.length];
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < ref.length; i++) {
            ref[i] = (float) (-f.gradient[i] + 0.3 * random.nextDouble(-1, 1));
        }
        double[] g = StageFixture.doubles(f.gradient);
        double dot = 0;
        double rr = 0;
        for (int i = 0; i < g.length; i++) {
            dot += g[i] * ref[i];
            rr += (double) ref[i] * ref[i];
        }
        assertThat(dot).isNegative();
        StageState state = agem.initialState(f.model);
        agem.apply(state, context(f, ref));
        double after = 0;
        for (int i = 0; i < g.length; i++) {
            assertThat((double) f.gradient[i]).isCloseTo(g[i] - dot / (rr + 1e-7) * ref[i], within(1e-6));
            after += (double) f.gradient[i] * ref[i];
        }
        assertThat(after).as("no first-order increase of the replay loss").isCloseTo(0, within(1e-4));
        assertThat(state.counter(AGem.PROJECTED)).isEqualTo(1);
    }

    @Test
    void keepsAnAgreeingGradientAndWorksWithoutMemory() {
        AGem agem = new AGem(16, AGem.DEFAULT_EPS);
        assertThat(agem.referenceRows()).isEqualTo(16);
        StageFixture f = new StageFixture(false, 2, 8);
        float[] before = f.gradient.clone();
        StageState state = agem.initialState(f.model);
        agem.apply(state, context(f, f.gradient.clone()));
        agem.apply(state, context(f, null));
        assertThat(f.gradient).containsExactly(before);
        assertThat(state.counter(AGem.PROJECTED)).isZero();
    }

    private static StepContext context(StageFixture f, float[] reference) {
        return PipelineHarness.context(f, 1, new StepSignals(reference, StepSignals.NO_BOUNDARY),
                StepContext.Rates.UNSCALED, null);
    }
}
