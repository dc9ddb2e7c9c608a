package io.streamcl.core.learner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.streamcl.core.detect.BoundaryDetectorConfig;
import io.streamcl.core.eval.EvaluationConfig;
import io.streamcl.core.eval.TaskScore;
import io.streamcl.core.metrics.MetricsConfig;
import io.streamcl.core.model.Activation;
import io.streamcl.core.model.MlpConfig;
import io.streamcl.core.optim.StageState;
import io.streamcl.core.optim.base.Adam;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Tests that {@link ContinualLearner} hands task boundaries, from task ids and from the loss-based detector alike,
 * to exactly the configured policies, and scores EMA weights next to the raw ones.
 */
class ContinualBoundaryTest {

    @ParameterizedTest(name = "task-free={0}, policy={1}")
    @CsvSource({"false, true", "false, false", "true, true", "true, false"})
    void aBoundaryRestartsAdamOnlyWithTheMomentPolicy(boolean taskFree, boolean policy) {
        ContinualLearner learner = ContinualLearner.create(config(
                "adam(lr=0.01)" + (policy ? "+boundary_moments(mode=reset)" : "")));
        long boundaryStep = -1;
        double bias1AfterBoundary = Double.NaN;
        for (ContinualLearnerTest.Example e : ContinualLearnerTest.stream(6000, 7)) {
            learner.observe(taskFree ? null : e.task(), e.seq(), e.seq(), e.x(), e.label(), false);
            OnlineLearner online = learner.learner();
            if (boundaryStep < 0 && online.task() == 2) {
                boundaryStep = online.step();
            }
            if (boundaryStep >= 0 && Double.isNaN(bias1AfterBoundary) && online.step() == boundaryStep + 1) {
                bias1AfterBoundary = adam(online).floats(Adam.BIAS1)[0];
            }
        }
        assertThat(learner.learner().task()).as("one boundary; the first task's start is none").isEqualTo(2);
        assertThat(bias1AfterBoundary).isCloseTo(policy ? 0.1 : 1, within(1e-3));
    }

    @ParameterizedTest(name = "ema={0}")
    @ValueSource(booleans = {true, false})
    void evaluationsScoreTheShadowWeightsWhenTheOptimizerKeepsThem(boolean ema) {
        ContinualLearner learner = ContinualLearner.create(config("sgd(lr=0.1)" + (ema ? "+ema" : "")));
        List<LearnerReport> reports = new ArrayList<>();
        for (ContinualLearnerTest.Example e : ContinualLearnerTest.stream(3000, 3)) {
            reports.addAll(learner.observe(e.task(), e.seq(), e.seq(), e.x(), e.label(), false));
        }
        List<TaskScore> scores = reports.get(reports.size() - 1).scores();
        assertThat(scores).isNotEmpty();
        for (TaskScore score : scores) {
            if (ema) {
                assertThat(score.shadowAccuracy()).isBetween(0.0, 1.0);
            } else {
                assertThat(score.shadowAccuracy()).isNaN();
            }
        }
        assertThat(learner.predictWithShadow(new float[] {2, 0}).isPresent()).isEqualTo(ema);
        if (ema) {
            assertThat(learner.predictWithShadow(new float[] {2, 0}).orElseThrow())
                    .isNotEqualTo(learner.predict(new float[] {2, 0}));
        }
    }

    private static StageState adam(OnlineLearner learner) {
        for (int i = 0; i < learner.pipeline().config().stages().size(); i++) {
            if (learner.pipeline().config().stages().get(i) instanceof Adam) {
                return learner.pipeline().state(i);
            }
        }
        throw new IllegalStateException("no adam");
    }

    static ContinualLearnerConfig config(String optimizer) {
        return new ContinualLearnerConfig(
                LearnerConfig.of(new MlpConfig(2, new int[] {16}, 3, Activation.RELU, 1), optimizer, 8),
                new EvaluationConfig(5, 100, 100, 0.1, MetricsConfig.defaults(), 0), BoundaryDetectorConfig.defaults());
    }
}
