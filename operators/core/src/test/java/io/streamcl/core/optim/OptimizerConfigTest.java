package io.streamcl.core.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamcl.core.optim.base.Adam;
import io.streamcl.core.optim.base.Sgd;
import io.streamcl.core.optim.plasticity.ContinualBackprop;
import io.streamcl.core.optim.plasticity.L2Regularization;
import io.streamcl.core.spec.Spec;
import org.junit.jupiter.api.Test;

/** Tests the stage vocabulary: parsing, canonical text, phase ordering and error messages. */
class OptimizerConfigTest {

    @Test
    void parsesTheVocabularyWithDefaultsAndPrintsACanonicalForm() {
        OptimizerConfig config = OptimizerConfig.parse(" cbp(rho=1e-4, maturity=100) + adam(lr=1e-3,beta1=0.9) + l2_init ");
        assertThat(config.stages()).hasSize(3);
        assertThat(config.stages().get(0)).isEqualTo(new L2Regularization(L2Regularization.DEFAULT_LAMBDA_INIT, true));
        assertThat(config.stages().get(1)).isEqualTo(Adam.withLearningRate(1e-3));
        assertThat(config.stages().get(2)).isInstanceOf(ContinualBackprop.class);
        assertThat(config.canonical()).isEqualTo("l2_init(lambda=0.01)+adam(lr=0.001,beta1=0.9,beta2=0.999,eps=1.0e-8,wd=0)"
                + "+cbp(rho=1.0e-4,maturity=100,decay=0.99,utility=contribution)");
        assertThat(OptimizerConfig.parse(config.canonical())).isEqualTo(config);
    }

    @Test
    void everyRegisteredStageRoundTripsThroughItsCanonicalSpec() {
        StageRegistry registry = StageRegistry.standard();
        assertThat(registry.names()).contains("sgd", "adam", "adamw", "l2", "l2_init", "upgd", "spectral", "cbp",
                "redo", "shrink_perturb", "nap");
        for (String name : registry.names()) {
            StageConfig stage = registry.create(Spec.of(name));
            assertThat(stage.spec().name()).isEqualTo(name);
            assertThat(registry.create(Spec.parse(stage.spec().toString(), StageConfig.KIND))).isEqualTo(stage);
        }
        assertThat(OptimizerConfig.parse("adamw").stages().get(0)).isEqualTo(
                new Adam(Adam.DEFAULT_LR, 0.9, 0.999, 1e-8, Adam.DEFAULT_WEIGHT_DECAY_W, true));
    }

    @Test
    void errorsNameTheStageTheKeyAndTheValue() {
        assertThatThrownBy(() -> OptimizerConfig.parse("adam(lr=fast)"))
                .hasMessage("adam: parameter lr='fast' must be a number");
        assertThatThrownBy(() -> OptimizerConfig.parse("adam(beta1=1.5)"))
                .hasMessage("adam.beta1 must be in [0, 1), got 1.5");
        assertThatThrownBy(() -> OptimizerConfig.parse("sgd(lr=0.1)+cbp(rh=1e-4)"))
                .hasMessageStartingWith("cbp: unknown parameter 'rh' (known: ");
        assertThatThrownBy(() -> OptimizerConfig.parse("cbp(utility=magic)+sgd"))
                .hasMessageContaining("utility='magic' must be one of contribution, adaptable_contribution");
        assertThatThrownBy(() -> OptimizerConfig.parse("adagrad(lr=0.1)"))
                .hasMessageStartingWith("unknown stage 'adagrad' (known: adagc, adam, adamw, agem");
        assertThatThrownBy(() -> OptimizerConfig.parse("sgd+adam")).hasMessageContaining("exactly one base step");
        assertThatThrownBy(() -> OptimizerConfig.parse("cbp")).hasMessageContaining("exactly one base step");
        assertThatThrownBy(() -> OptimizerConfig.parse("sgd(lr=0.1,lr=0.2)")).hasMessageContaining("'lr' given twice");
        assertThatThrownBy(() -> OptimizerConfig.parse("sgd(lr)")).hasMessageContaining("must be key=value");
    }

    @Test
    void stagesRunPhaseByPhaseInDeclaredOrderWithinAPhase() {
        OptimizerConfig config = OptimizerConfig.parse("shrink_perturb+upgd+sgd+l2(lambda=0.1)+cbp");
        assertThat(config.stages()).extracting(s -> s.spec().name())
                .containsExactly("upgd", "l2", "sgd", "shrink_perturb", "cbp");
    }

    @Test
    void aRegistryCanBeExtendedButNotOverwritten() {
        StageRegistry extended = StageRegistry.standard().with("plain", spec -> Sgd.plain(0.5));
        assertThat(OptimizerConfig.parse("plain", extended).stages().get(0)).isEqualTo(Sgd.plain(0.5));
        assertThatThrownBy(() -> extended.with("sgd", spec -> Sgd.plain(0.5))).hasMessageContaining("already registered");
    }
}
