package io.streamcl.core.learner;

import static io.streamcl.core.learner.LearnerOutputs.add;
import static io.streamcl.core.learner.LearnerOutputs.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamcl.core.detect.BoundaryDetectorConfig;
import io.streamcl.core.eval.EvaluationConfig;
import io.streamcl.core.metrics.MetricsConfig;
import io.streamcl.core.model.Activation;
import io.streamcl.core.model.MlpConfig;
import io.streamcl.core.state.Features;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * Evaluation on an executor gives exactly what synchronous evaluation gives at the same model steps: the same
 * reports in the same order (compared as text, every figure in full precision) and the same state bytes, through
 * task boundaries, replay, EMA weights, FWT probes, a checkpoint in the middle and the end of input.
 */
class AsyncEvaluationTest {
    private static final int INPUTS = 12;
    private static final ContinualLearnerConfig CONFIG = new ContinualLearnerConfig(
            LearnerConfig.of(new MlpConfig(INPUTS, new int[] {32, 32}, 4, Activation.RELU, 3),
                    "sgd(lr=0.05)+ema(ramp=3)", 8, "reservoir(capacity=64,batch=8)"),
            new EvaluationConfig(2, 60, 40, 0.2, MetricsConfig.defaults(), 0), BoundaryDetectorConfig.defaults());

    @Test
    void reportsAndStateEqualSynchronousEvaluation() throws IOException {
        ExecutorService executor = Executors.newFixedThreadPool(2);
        try {
            List<String> sync = new ArrayList<>();
            List<String> async = new ArrayList<>();
            ContinualLearner a = ContinualLearner.create(CONFIG);
            ContinualLearner b = ContinualLearner.create(CONFIG).evaluateOn(executor);
            SplittableRandom random = new SplittableRandom(11);
            byte[] pixels = new byte[INPUTS];
            Features x = Features.quantized(pixels, 1 / 255f, -0.5f);
            int asyncInFlight = 0;
            for (int i = 0; i < 3000; i++) {
                int task = i / 1000;
                int label = random.nextInt(4);
                for (int j = 0; j < INPUTS; j++) {
                    int mean = (j % 4 == (label + task) % 4) ? 200 : 60;
                    pixels[j] = (byte) Math.max(0, Math.min(255, mean + (int) (40 * random.nextGaussian())));
                }
                add(sync, a.observe(task, i, i, x, label, false));
                add(async, b.observe(task, i, i, x, label, false));
                asyncInFlight += b.evaluationsPending() ? 1 : 0;
                if (i == 1500) {
                    add(async, b.drain());
                    assertThat(bytes(b)).as("state at a checkpoint").isEqualTo(bytes(a));
                    b = ContinualLearner.readFrom(new DataInputStream(new ByteArrayInputStream(bytes(b))), CONFIG)
                            .evaluateOn(executor);
                }
            }
            add(sync, a.flush());
            add(async, b.flush());
            add(sync, a.finish());
            add(async, b.finish());
            assertThat(b.evaluationsPending()).isFalse();
            assertThat(asyncInFlight).as("evaluations ran while training went on").isPositive();
            assertThat(sync).hasSizeGreaterThan(140);
            assertThat(async).containsExactlyElementsOf(sync);
            assertThat(bytes(b)).isEqualTo(bytes(a));
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void refusesToWriteStateWithEvaluationsInFlight() {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            ContinualLearner learner = ContinualLearner.create(CONFIG).evaluateOn(executor);
            CountDownLatch release = new CountDownLatch(1);
            executor.execute(() -> await(release)); // evaluations queue behind it however slow the loop below is
            SplittableRandom random = new SplittableRandom(1);
            for (int i = 0; i < 400 && !learner.evaluationsPending(); i++) { // one in flight: more would block
                learner.observe(0, i, i, randomRow(random), random.nextInt(4), false);
            }
            assertThat(learner.evaluationsPending()).isTrue();
            assertThatThrownBy(() -> bytes(learner)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("drain()");
            release.countDown();
            assertThat(learner.drain()).isNotEmpty();
            assertThat(learner.evaluationsPending()).isFalse();
        } finally {
            executor.shutdownNow();
        }
    }

    private static float[] randomRow(SplittableRandom random) {
        float[] x = new float[INPUTS];
        for (int j = 0; j < INPUTS; j++) {
            x[j] = (float) random.nextGaussian();
        }
        return x;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
