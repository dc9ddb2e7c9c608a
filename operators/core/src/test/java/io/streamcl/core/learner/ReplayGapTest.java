package io.streamcl.core.learner;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamcl.core.detect.BoundaryDetectorConfig;
import io.streamcl.core.eval.EvaluationConfig;
import io.streamcl.core.eval.TaskScore;
import io.streamcl.core.metrics.MetricsConfig;
import io.streamcl.core.model.Activation;
import io.streamcl.core.model.MlpConfig;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * End to end on a two-task stream whose second task maps the first one's label directions a quarter turn on, on a
 * wider ring: plain SGD forgets the first task entirely, replay keeps part of it, and raising the replay weight
 * after the boundary makes the stability gap shallower.
 */
class ReplayGapTest {

    @Test
    void replayKeepsTheOldTaskAndTheBoundaryWeightShallowsTheGap() {
        double[] plain = oldTaskAfterBoundary("none");
        double[] replay = oldTaskAfterBoundary("reservoir(capacity=200,batch=8)");
        double[] boosted = oldTaskAfterBoundary("reservoir(capacity=200,batch=8,boundary_weight=0.1,boundary_steps=200)");
        assertThat(plain[1]).as("plain SGD forgets task 0").isLessThan(0.1);
        assertThat(replay[1]).as("replay keeps part of it").isGreaterThan(0.4);
        assertThat(boosted[0]).as("the gap's minimum with more replay weight after the boundary")
                .isGreaterThan(replay[0] + 0.05);
    }

    /** Task 0's minimum and final accuracy while task 1 is trained. */
    private static double[] oldTaskAfterBoundary(String replay) {
        ContinualLearner learner = ContinualLearner.create(new ContinualLearnerConfig(
                LearnerConfig.of(new MlpConfig(2, new int[] {32}, 4, Activation.RELU, 1), "sgd(lr=0.1)", 8, replay),
                new EvaluationConfig(2, 200, 200, 0.1, MetricsConfig.defaults(), 0), BoundaryDetectorConfig.defaults()));
        SplittableRandom random = new SplittableRandom(5);
        double min = 1;
        double last = Double.NaN;
        for (int i = 0; i < 8000; i++) {
            int task = i < 4000 ? 0 : 1;
            int label = random.nextInt(4);
            double angle = Math.PI / 2 * (label + task);
            double radius = task == 0 ? 1 : 2.5;
            float[] x = {(float) (radius * Math.cos(angle) + 0.2 * random.nextGaussian()),
                (float) (radius * Math.sin(angle) + 0.2 * random.nextGaussian())};
            for (LearnerReport report : learner.observe(task, i, i, x, label, false)) {
                for (TaskScore score : report.scores()) {
                    if (score.taskId() == 0 && Integer.valueOf(1).equals(report.currentTask())) {
                        min = Math.min(min, score.accuracy());
                        last = score.accuracy();
                    }
                }
            }
        }
        return new double[] {min, last};
    }
}
