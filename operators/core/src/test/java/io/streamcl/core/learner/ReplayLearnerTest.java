package io.streamcl.core.learner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.streamcl.core.model.Activation;
import io.streamcl.core.model.InitScheme;
import io.streamcl.core.model.Loss;
import io.streamcl.core.model.Mlp;
import io.streamcl.core.model.MlpConfig;
import io.streamcl.core.model.MlpWorkspace;
import io.streamcl.core.optim.StageState;
import io.streamcl.core.optim.gap.AGem;
import io.streamcl.core.optim.gap.Ema;
import io.streamcl.core.optim.gap.LayerwiseProximalReplay;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Tests replay inside {@link OnlineLearner} against gradients computed apart: a mixed update is the weighted sum of
 * the new rows' and the replay rows' mean-loss gradients, A-GEM projects against the memory's gradient, and the
 * state with replay memory, A-GEM and EMA round-trips exactly.
 */
class ReplayLearnerTest {
    private static final MlpConfig MODEL = new MlpConfig(2, new int[] {8}, 3, Activation.RELU, 4);
    private static final double LR = 0.1;

    @ParameterizedTest(name = "{0} after {1} boundaries: w = {2}")
    @CsvSource({"new_weight=0.3, 0, 0.3", "new_weight=1/t, 2, 0.3333333333", "new_weight=0.5, 0, 0.5",
        "new_weight=0.5;boundary_weight=0.1;boundary_steps=5, 1, 0.1"})
    void aMixedUpdateIsTheWeightedSumOfTheNewAndReplayGradients(String weight, int boundaries, double w) {
        OnlineLearner learner = OnlineLearner.create(LearnerConfig.of(MODEL, "sgd(lr=0.1)", 2,
                "reservoir(capacity=3,batch=3," + weight.replace(';', ',') + ")"));
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < 4; i++) {
            int label = random.nextInt(3);
            OnlineLearnerTest.feed(learner, OnlineLearnerTest.cluster(random, label), label);
        }
        for (int b = 0; b < boundaries; b++) {
            learner.boundary();
        }
        float[] before = learner.model().parameterValues();
        FloatBuffer memory = FloatBuffer.allocate(3 * 2);
        int[] memoryLabels = new int[3];
        assertThat(learner.replayMemory().orElseThrow().draw(0, 3, memory, memoryLabels, 0)).isEqualTo(3);
        float[][] xs = {{1.5f, 0.2f}, {-1f, 1.2f}};
        int[] ys = {0, 1};
        learner.add(xs[0], ys[0]);
        learner.add(xs[1], ys[1]);
        BatchResult result = learner.update();

        Mlp reference = Mlp.withParameters(MODEL, before);
        MlpWorkspace fresh = reference.workspace(2);
        fresh.inputBuffer().put(0, xs[0]).put(2, xs[1]);
        double newLoss = reference.lossAndGradient(fresh, 2, ys);
        MlpWorkspace replayed = reference.workspace(3);
        replayed.inputBuffer().put(0, memory.array());
        reference.lossAndGradient(replayed, 3, memoryLabels);
        for (int i = 0; i < before.length; i++) {
            double g = w * fresh.gradient()[i] + (1 - w) * replayed.gradient()[i];
            assertThat((double) learner.model().parameters()[i]).as("parameter %d", i)
                    .isCloseTo(before[i] - LR * g, within(1e-6));
        }
        assertThat(result.loss()).as("the reported loss is the new rows' mean").isCloseTo(newLoss, within(1e-6));
        assertThat(result.rows()).isEqualTo(2);
    }

    @Test
    void agemProjectsAgainstTheMemorysGradientOnceThereIsAMemory() {
        OnlineLearner learner = OnlineLearner.create(
                LearnerConfig.of(MODEL, "sgd(lr=0.1)+agem(sample=3)", 2, "reservoir(capacity=3,batch=0)"));
        float[][] old = {{2f, 0f}, {2.2f, 0.1f}};
        learner.add(old[0], 0);
        learner.add(old[1], 0);
        learner.update();
        assertThat(learner.pipeline().state(0).counter(AGem.PROJECTED)).as("no memory, no reference").isZero();
        float[] before = learner.model().parameterValues();
        learner.add(old[0], 1);
        learner.add(old[1], 1);
        learner.update();

        Mlp reference = Mlp.withParameters(MODEL, before);
        MlpWorkspace fresh = reference.workspace(2);
        fresh.inputBuffer().put(0, old[0]).put(2, old[1]);
        reference.lossAndGradient(fresh, 2, new int[] {1, 1});
        MlpWorkspace memory = reference.workspace(2);
        memory.inputBuffer().put(0, old[0]).put(2, old[1]);
        reference.lossAndGradient(memory, 2, new int[] {0, 0});
        double dot = 0;
        double rr = 0;
        for (int i = 0; i < before.length; i++) {
            dot += (double) fresh.gradient()[i] * memory.gradient()[i];
            rr += (double) memory.gradient()[i] * memory.gradient()[i];
        }
        assertThat(dot).as("relabelled examples conflict with the memory").isNegative();
        for (int i = 0; i < before.length; i++) {
            double g = fresh.gradient()[i] - dot / (rr + 1e-7) * memory.gradient()[i];
            assertThat((double) learner.model().parameters()[i]).isCloseTo(before[i] - LR * g, within(1e-6));
        }
        assertThat(learner.pipeline().state(0).counter(AGem.PROJECTED)).isEqualTo(1);
    }

    @Test
    void lprPreconditionsFromTheLearnersMemoryAndItsStateContinuesIdentically() throws IOException {
        LearnerConfig config = LearnerConfig.of(MODEL, "sgd(lr=0.1)+lpr(omega=4,every=5)", 4,
                "reservoir(capacity=20,batch=4)");
        OnlineLearner original = OnlineLearner.create(config);
        SplittableRandom random = new SplittableRandom(9);
        for (int i = 0; i < 50; i++) {
            int label = random.nextInt(3);
            OnlineLearnerTest.feed(original, OnlineLearnerTest.cluster(random, label), label);
        }
        StageState lpr = original.pipeline().state(0);
        assertThat(lpr.counter(LayerwiseProximalReplay.REFRESHED)).isEqualTo(12);
        float[] p0 = lpr.floats(LayerwiseProximalReplay.preconditioner(0));
        assertThat(p0[0]).as("damped below the identity by the stored inputs").isBetween(0f, 0.999f);
        OnlineLearner restored = OnlineLearner.readFrom(
                new DataInputStream(new ByteArrayInputStream(OnlineLearnerTest.bytes(original))), config);
        for (int i = 0; i < 30; i++) {
            int label = random.nextInt(3);
            float[] x = OnlineLearnerTest.cluster(random, label);
            OnlineLearnerTest.feed(original, x, label);
            OnlineLearnerTest.feed(restored, x, label);
        }
        assertThat(OnlineLearnerTest.bytes(restored)).isEqualTo(OnlineLearnerTest.bytes(original));
        assertThat(LearnerConfig.of(MODEL, "sgd+lpr", 4, "reservoir(capacity=20,batch=4)").optimizer().readsReplay())
                .isTrue();
        assertThatThrownBy(() -> LearnerConfig.of(MODEL, "sgd+lpr", 4))
                .hasMessageContaining("reads the replay memory: set replay");
    }

    @Test
    void stateWithReplayAgemAndEmaContinuesIdentically() throws IOException {
        LearnerConfig config = LearnerConfig.of(MODEL,
                "adam(lr=0.01)+agem(sample=4)+boundary_moments(mode=rewarm,warmup=5)+ema(ramp=3,anchor_steps=4)", 4,
                "class_balanced(capacity=20,batch=4,new_weight=1/t,boundary_steps=3)");
        OnlineLearner original = OnlineLearner.create(config);
        SplittableRandom random = new SplittableRandom(8);
        for (int i = 0; i < 90; i++) {
            if (i == 50) {
                original.boundary();
            }
            int label = random.nextInt(3);
            OnlineLearnerTest.feed(original, OnlineLearnerTest.cluster(random, label), label);
        }
        OnlineLearner restored = OnlineLearner.readFrom(
                new DataInputStream(new ByteArrayInputStream(OnlineLearnerTest.bytes(original))), config);
        assertThat(restored.task()).isEqualTo(2);
        assertThat(restored.replayMemory().orElseThrow().size()).isEqualTo(20);
        for (int i = 0; i < 60; i++) {
            int label = random.nextInt(3);
            float[] x = OnlineLearnerTest.cluster(random, label);
            OnlineLearnerTest.feed(original, x, label);
            OnlineLearnerTest.feed(restored, x, label);
        }
        assertThat(OnlineLearnerTest.bytes(restored)).isEqualTo(OnlineLearnerTest.bytes(original));
        assertThat(restored.shadowModel().orElseThrow().parameters())
                .containsExactly(original.pipeline().shadowParameters().orElseThrow());
        assertThat(original.pipeline().state(3).floats(Ema.SHADOW)).isNotEqualTo(original.model().parameters());
    }

    @Test
    void configsRejectAgemWithoutMemoryAndReplayForRegressors() {
        assertThatThrownBy(() -> LearnerConfig.of(MODEL, "sgd+agem", 4))
                .hasMessageContaining("reads the replay memory: set replay");
        MlpConfig regressor = new MlpConfig(2, new int[] {4}, 1, Activation.TANH, false,
                Loss.SQUARED_ERROR, InitScheme.LECUN_UNIFORM, 1);
        assertThatThrownBy(() -> LearnerConfig.of(regressor, "sgd", 4, "reservoir"))
                .hasMessageContaining("needs a classifier");
        assertThat(LearnerConfig.of(MODEL, "sgd", 4, "none").hash()).as("no replay, the hash of before replay")
                .isEqualTo(LearnerConfig.of(MODEL, "sgd", 4).hash());
        assertThat(LearnerConfig.of(MODEL, "sgd", 4, "reservoir").canonical()).endsWith(";replay=reservoir("
                + "capacity=2000,max_bytes=67108864,batch=32,new_weight=0.5,boundary_weight=0.2,boundary_steps=0)");
    }
}
