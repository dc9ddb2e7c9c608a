package io.streamcl.core.learner;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamcl.core.model.Activation;
import io.streamcl.core.model.InitScheme;
import io.streamcl.core.model.Loss;
import io.streamcl.core.model.MlpConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every plasticity stage composes with every base step: a learner with the pair trains, stays finite and learns. */
class CompositionTest {
    private static final String[] BASES = {"sgd(lr=0.05,momentum=0.5,wd=1e-4)", "adam(lr=0.01)", "adamw(lr=0.01)"};
    private static final String[] METHODS = {"cbp(rho=0.01,maturity=20)",
        "cbp(rho=0.01,maturity=20,utility=adaptable_contribution)", "redo(tau=0.1,every=50)",
        "shrink_perturb(shrink=1e-4,sigma=1e-3)", "l2(lambda=1e-3)", "l2_init(lambda=1e-2)", "upgd(sigma=1e-3)",
        "upgd(sigma=1e-3,protect=false)", "spectral(lambda=1e-3)", "nap", "weight_clip", "weight_clip(kappa=2)", "snr",
        "hare_tortoise(momentum=0.99,every=100)"};

    static Stream<Arguments> pairs() {
        List<Arguments> all = new ArrayList<>();
        for (String base : BASES) {
            for (String method : METHODS) {
                all.add(Arguments.of(base, method));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} + {1}")
    @MethodSource("pairs")
    void learnsWithEveryBaseStep(String base, String method) {
        MlpConfig model = new MlpConfig(2, new int[] {12, 12}, 3, Activation.RELU, true, Loss.SOFTMAX_CROSS_ENTROPY,
                InitScheme.KAIMING_UNIFORM, 4);
        OnlineLearner learner = OnlineLearner.create(LearnerConfig.of(model, base + "+" + method, 4));
        assertThat(lateAccuracy(learner, -1)).isGreaterThan(0.85);
    }

    /**
     * Streams 2400 examples of three 2-D clusters through {@code learner} (a task boundary before example {@code
     * boundaryAt}, none if negative), checks the parameters stay finite and returns the prequential accuracy on the
     * last third.
     */
    static double lateAccuracy(OnlineLearner learner, int boundaryAt) {
        SplittableRandom random = new SplittableRandom(2);
        int correct = 0;
        int seen = 0;
        for (int i = 0; i < 2400; i++) {
            if (i == boundaryAt) {
                learner.boundary();
            }
            int label = random.nextInt(3);
            double angle = 2 * Math.PI * label / 3;
            float[] x = {(float) (2 * Math.cos(angle) + 0.3 * random.nextGaussian()),
                (float) (2 * Math.sin(angle) + 0.3 * random.nextGaussian())};
            if (learner.add(x, label)) {
                BatchResult result = learner.update();
                if (i >= 1600) {
                    correct += result.correctBeforeUpdate();
                    seen += result.rows();
                }
            }
        }
        for (float p : learner.model().parameters()) {
            assertThat(Float.isFinite(p)).isTrue();
        }
        return (double) correct / seen;
    }
}
