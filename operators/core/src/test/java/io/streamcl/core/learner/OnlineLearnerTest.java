package io.streamcl.core.learner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamcl.core.model.Activation;
import io.streamcl.core.model.InitScheme;
import io.streamcl.core.model.Loss;
import io.streamcl.core.model.MlpConfig;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Tests {@link OnlineLearner}: it learns, and its binary state round-trips exactly. */
class OnlineLearnerTest {
    private static final LearnerConfig CONFIG =
            LearnerConfig.sgd(new MlpConfig(2, new int[] {16}, 3, Activation.RELU, 1), 0.1, 8);

    @Test
    void learnsSeparableClustersPrequentially() {
        OnlineLearner learner = OnlineLearner.create(CONFIG);
        SplittableRandom random = new SplittableRandom(3);
        int correctLate = 0;
        int seenLate = 0;
        for (int i = 0; i < 4000; i++) {
            int label = random.nextInt(3);
            if (learner.add(cluster(random, label), label)) {
                BatchResult result = learner.update();
                if (i >= 3000) {
                    correctLate += result.correctBeforeUpdate();
                    seenLate += result.rows();
                }
            }
        }
        assertThat(learner.step()).isEqualTo(500);
        assertThat((double) correctLate / seenLate).isGreaterThan(0.9);
    }

    @Test
    void snapshotAndRestoreContinuesIdentically() throws IOException {
        OnlineLearner original = OnlineLearner.create(CONFIG);
        SplittableRandom random = new SplittableRandom(4);
        List<float[]> xs = new ArrayList<>();
        List<Integer> ys = new ArrayList<>();
        for (int i = 0; i < 205; i++) {
            int label = random.nextInt(3);
            xs.add(cluster(random, label));
            ys.add(label);
        }
        for (int i = 0; i < 101; i++) {
            feed(original, xs.get(i), ys.get(i));
        }
        OnlineLearner restored = OnlineLearner.readFrom(
                new DataInputStream(new ByteArrayInputStream(bytes(original))), CONFIG);
        assertThat(restored.pending()).isEqualTo(original.pending()).isEqualTo(5);
        for (int i = 101; i < xs.size(); i++) {
            feed(original, xs.get(i), ys.get(i));
            feed(restored, xs.get(i), ys.get(i));
        }
        assertThat(restored.step()).isEqualTo(original.step());
        assertThat(restored.examplesSeen()).isEqualTo(original.examplesSeen());
        assertThat(restored.model().parameterValues()).containsExactly(original.model().parameterValues());
    }

    @Test
    void restoringUnderAnotherConfigFailsNamingBoth() throws IOException {
        byte[] state = bytes(OnlineLearner.create(CONFIG));
        LearnerConfig other = LearnerConfig.sgd(CONFIG.model(), 0.2, 8);
        assertThatThrownBy(() -> OnlineLearner.readFrom(new DataInputStream(new ByteArrayInputStream(state)), other))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(CONFIG.hash())
                .hasMessageContaining(other.hash());
    }

    @Test
    void snapshotWithOptimizerStateContinuesIdentically() throws IOException {
        LearnerConfig config = LearnerConfig.of(CONFIG.model(),
                "upgd(sigma=0.01)+adam(lr=0.01)+cbp(rho=0.05,maturity=5)+shrink_perturb(sigma=1e-3)", 4);
        OnlineLearner original = OnlineLearner.create(config);
        SplittableRandom random = new SplittableRandom(6);
        for (int i = 0; i < 62; i++) {
            int label = random.nextInt(3);
            feed(original, cluster(random, label), label);
        }
        OnlineLearner restored = OnlineLearner.readFrom(
                new DataInputStream(new ByteArrayInputStream(bytes(original))), config);
        for (int i = 0; i < 80; i++) {
            int label = random.nextInt(3);
            float[] x = cluster(random, label);
            feed(original, x, label);
            feed(restored, x, label);
        }
        assertThat(restored.model().parameterValues()).containsExactly(original.model().parameterValues());
        assertThat(bytes(restored)).isEqualTo(bytes(original));
    }

    @Test
    void rejectsOtherFormatVersionsNamingThem() {
        byte[] old = {0, 0, 0, 1};
        assertThatThrownBy(() -> OnlineLearner.readFrom(new DataInputStream(new ByteArrayInputStream(old)), CONFIG))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("format version 1")
                .hasMessageContaining("reads 2 to 4");
    }

    @Test
    void learnsARegressionTarget() {
        MlpConfig model = new MlpConfig(2, new int[] {16}, 2, Activation.TANH, true, Loss.SQUARED_ERROR,
                InitScheme.LECUN_UNIFORM, 3);
        OnlineLearner learner = OnlineLearner.create(LearnerConfig.of(model, "adam(lr=0.01)", 1));
        SplittableRandom random = new SplittableRandom(1);
        double early = 0;
        double late = 0;
        for (int i = 0; i < 3000; i++) {
            float a = (float) random.nextDouble(-1, 1);
            float b = (float) random.nextDouble(-1, 1);
            learner.add(new float[] {a, b}, new float[] {a * b, a + b});
            double loss = learner.update().loss();
            early += i < 200 ? loss : 0;
            late += i >= 2800 ? loss : 0;
        }
        assertThat(late).isLessThan(early / 10);
        assertThatThrownBy(() -> learner.add(new float[2], 0)).hasMessageContaining("regressor");
    }

    @Test
    void rejectsBadExamplesNamingTheValue() {
        OnlineLearner learner = OnlineLearner.create(CONFIG);
        assertThatThrownBy(() -> learner.add(new float[3], 0)).hasMessageContaining("3 values");
        assertThatThrownBy(() -> learner.add(new float[2], 7)).hasMessageContaining("got 7");
    }

    static void feed(OnlineLearner learner, float[] x, int y) {
        if (learner.add(x, y)) {
            learner.update();
        }
    }

    static byte[] bytes(OnlineLearner learner) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        learner.writeTo(new DataOutputStream(buffer));
        return buffer.toByteArray();
    }

    static float[] cluster(SplittableRandom random, int label) {
        double angle = 2 * Math.PI * label / 3;
        return new float[] {
            (float) (2 * Math.cos(angle) + 0.3 * random.nextGaussian()),
            (float) (2 * Math.sin(angle) + 0.3 * random.nextGaussian())
        };
    }
}
