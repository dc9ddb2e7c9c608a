package io.streamcl.core.learner;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamcl.core.detect.BoundaryDetectorConfig;
import io.streamcl.core.eval.EvaluationConfig;
import io.streamcl.core.metrics.MetricsConfig;
import io.streamcl.core.model.Activation;
import io.streamcl.core.model.MlpConfig;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tests that every report of a learner has its own sequence number, also where two share a step and across a restore. */
class EvaluationSequenceTest {
    private static final ContinualLearnerConfig CONFIG = new ContinualLearnerConfig(
            LearnerConfig.of(new MlpConfig(2, new int[] {8}, 3, Activation.RELU, 1), "sgd(lr=0.1)", 8),
            new EvaluationConfig(5, 50, 50, 0.0, MetricsConfig.defaults(), 0), BoundaryDetectorConfig.defaults());

    @Test
    void aBoundaryOnAPeriodicStepGivesTwoEventsOfOneStepWithConsecutiveSequenceNumbers() throws IOException {
        ContinualLearner learner = ContinualLearner.create(CONFIG);
        List<LearnerReport> reports = new ArrayList<>();
        List<ContinualLearnerTest.Example> stream = ContinualLearnerTest.stream(200, 5);
        for (ContinualLearnerTest.Example e : stream.subList(0, 20)) {
            learner.observe(0, e.seq(), e.seq(), e.x(), e.label(), true);
        }
        for (ContinualLearnerTest.Example e : stream.subList(20, 60)) {
            reports.addAll(learner.observe(0, e.seq(), e.seq(), e.x(), e.label(), false));
        }
        assertThat(learner.learner().step()).as("40 examples: 5 updates, a periodic evaluation at step 5").isEqualTo(5);
        ContinualLearnerTest.Example first = stream.get(60);
        reports.addAll(learner.observe(1, first.seq(), first.seq(), first.x(), first.label(), false));

        ContinualLearner restored = restore(learner);
        for (ContinualLearnerTest.Example e : stream.subList(61, 200)) {
            reports.addAll(restored.observe(1, e.seq(), e.seq(), e.x(), e.label(), false));
        }

        assertThat(reports.stream().filter(r -> r.step() == 5)).as("periodic, then the boundary of task 1").hasSize(2);
        assertThat(reports.stream().mapToLong(LearnerReport::sequence))
                .containsExactlyElementsOf(sequence(1, reports.size()));
    }

    private static ContinualLearner restore(ContinualLearner learner) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        learner.writeTo(new DataOutputStream(bytes));
        return ContinualLearner.readFrom(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), CONFIG);
    }

    private static List<Long> sequence(long from, int count) {
        List<Long> numbers = new ArrayList<>();
        for (long n = from; n < from + count; n++) {
            numbers.add(n);
        }
        return numbers;
    }
}
