package io.streamcl.core.learner;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamcl.core.model.Activation;
import io.streamcl.core.model.InitScheme;
import io.streamcl.core.model.Loss;
import io.streamcl.core.model.MlpConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every stability and stability-gap stage composes with every base step and with replay, and a full stack composes
 * with every plasticity method: learners with them train through a task boundary, stay finite and learn.
 */
class StabilityCompositionTest {
    private static final MlpConfig MODEL = new MlpConfig(2, new int[] {12, 12}, 3, Activation.RELU, true,
            Loss.SOFTMAX_CROSS_ENTROPY, InitScheme.KAIMING_UNIFORM, 4);
    private static final String[] BASES = {"sgd(lr=0.05,momentum=0.5,wd=1e-4)", "adam(lr=0.01)", "adamw(lr=0.01)"};
    private static final String[] STAGES = {"clip_global(max_norm=1)", "clip_tensor(max_norm=0.5)", "adagc(warmup=20)",
        "spam(interval=100,warmup=20)", "stable_spam(interval=200)", "fira_limit", "cautious", "cautious_wd(wd=1e-3)",
        "agem(sample=8)", "ema(ramp=20,anchor_steps=50)", "boundary_moments", "boundary_moments(mode=rewarm,warmup=30)",
        "boundary_lr(steps=50)"};
    private static final String[] REPLAYS = {"reservoir(capacity=200,batch=4)",
        "class_balanced(capacity=200,batch=4,new_weight=1/t,boundary_steps=20)"};
    private static final String[] PLASTICITY = {"cbp(rho=0.01,maturity=20)", "redo(tau=0.1,every=50)",
        "shrink_perturb(shrink=1e-4,sigma=1e-3)", "l2(lambda=1e-3)", "l2_init(lambda=1e-2)", "upgd(sigma=1e-3)",
        "spectral(lambda=1e-3)", "nap"};
    private static final String STACK = "clip_tensor(max_norm=1)+agem(sample=8)+cautious+ema(ramp=20)"
            + "+boundary_moments(mode=rewarm,warmup=30)";

    static Stream<Arguments> stageWithBase() {
        List<Arguments> all = new ArrayList<>();
        for (String base : BASES) {
            for (int s = 0; s < STAGES.length; s++) {
                all.add(Arguments.of(base, STAGES[s], REPLAYS[s % REPLAYS.length]));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} + {1} with {2}")
    @MethodSource("stageWithBase")
    void everyStageLearnsWithEveryBaseStepAndReplay(String base, String stage, String replay) {
        OnlineLearner learner = OnlineLearner.create(LearnerConfig.of(MODEL, base + "+" + stage, 4, replay));
        assertThat(CompositionTest.lateAccuracy(learner, 1200)).isGreaterThan(0.85);
    }

    static Stream<String> plasticity() {
        return Stream.of(PLASTICITY);
    }

    @ParameterizedTest(name = "adam + stack + {0}")
    @MethodSource("plasticity")
    void aFullStackLearnsWithEveryPlasticityMethod(String method) {
        OnlineLearner learner = OnlineLearner.create(
                LearnerConfig.of(MODEL, "adam(lr=0.01)+" + STACK + "+" + method, 4, REPLAYS[1]));
        assertThat(CompositionTest.lateAccuracy(learner, 1200)).isGreaterThan(0.85);
    }
}
