package io.streamcl.core.learner;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamcl.core.detect.BoundaryDetectorConfig;
import io.streamcl.core.eval.EvaluationConfig;
import io.streamcl.core.eval.TaskScore;
import io.streamcl.core.metrics.BoundaryReport;
import io.streamcl.core.metrics.MetricsConfig;
import io.streamcl.core.metrics.TaskReport;
import io.streamcl.core.model.Activation;
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

/** Tests {@link ContinualLearner} on a two-task stream whose second task reverses the first one's labels. */
class ContinualLearnerTest {
    private static final ContinualLearnerConfig CONFIG = new ContinualLearnerConfig(
            LearnerConfig.sgd(new MlpConfig(2, new int[] {16}, 3, Activation.RELU, 1), 0.1, 8),
            new EvaluationConfig(5, 100, 100, 0.1, MetricsConfig.defaults(), 50), BoundaryDetectorConfig.defaults());

    @Test
    void evaluatesEverySeenTaskAndShowsTheFirstTaskDroppingAfterTheBoundary() {
        ContinualLearner learner = ContinualLearner.create(CONFIG);
        List<LearnerReport> reports = new ArrayList<>();
        for (Example e : stream(6000, 5)) {
            reports.addAll(learner.observe((Integer) e.task, e.seq, e.seq, e.x, e.label, false));
        }
        LearnerReport endOfTask0 = lastBefore(reports, 3000);
        assertThat(score(endOfTask0, 0).accuracy()).isGreaterThan(0.9);
        LearnerReport last = reports.get(reports.size() - 1);
        assertThat(last.currentTask()).isEqualTo(1);
        assertThat(score(last, 1).accuracy()).isGreaterThan(0.9);
        assertThat(score(last, 0).accuracy()).as("labels of task 1 contradict task 0").isLessThan(0.3);
        assertThat(score(last, 0).samples()).isEqualTo(100);
        TaskReport task0 = last.metrics().tasks().stream().filter(t -> t.taskId() == 0).findFirst().orElseThrow();
        assertThat(task0.minAccuracy()).isLessThan(0.3);
        assertThat(last.metrics().aggregate().minAccuracy()).isLessThan(0.3);
        assertThat(last.metrics().stabilityGaps()).anySatisfy(gap -> {
            assertThat(gap.taskId()).isZero();
            assertThat(gap.preBoundaryAccuracy()).isGreaterThan(0.9);
            assertThat(gap.depth()).isGreaterThan(0.6);
        });
        assertThat(reports).extracting(LearnerReport::step).isSorted();
        assertThat(reports).filteredOn(r -> r.plasticity() != null).extracting(LearnerReport::step)
                .as("diagnostics at the first evaluation after each multiple of 50 updates")
                .startsWith(50L, 100L, 150L);
        assertThat(reports.stream().filter(r -> r.plasticity() != null).findFirst().orElseThrow().plasticity()
                .dormantFraction()).hasSize(1);
    }

    @Test
    void holdsOutTheConfiguredShareAndRestoresExactly() throws IOException {
        List<Example> stream = stream(4000, 6);
        ContinualLearner uninterrupted = ContinualLearner.create(CONFIG);
        List<LearnerReport> expected = new ArrayList<>();
        stream.forEach(e -> expected.addAll(uninterrupted.observe(e.task, e.seq, e.seq, e.x, e.label, false)));
        long trained = uninterrupted.learner().examplesSeen();
        assertThat((double) trained / stream.size()).isBetween(0.88, 0.92);

        ContinualLearner first = ContinualLearner.create(CONFIG);
        List<LearnerReport> actual = new ArrayList<>();
        stream.subList(0, 2503).forEach(e -> actual.addAll(first.observe(e.task, e.seq, e.seq, e.x, e.label, false)));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        first.writeTo(new DataOutputStream(bytes));
        ContinualLearner second =
                ContinualLearner.readFrom(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), CONFIG);
        stream.subList(2503, stream.size())
                .forEach(e -> actual.addAll(second.observe(e.task, e.seq, e.seq, e.x, e.label, false)));
        // Recursive, because the reports hold arrays; Double.compare, because NaN marks "nothing yet".
        assertThat(actual).usingRecursiveComparison().withComparatorForType(Double::compare, Double.class)
                .isEqualTo(expected);
    }

    @Test
    void endOfInputTrainsThePendingBatchAndReportsTheFinalAccuracyMatrixRow() {
        ContinualLearner learner = ContinualLearner.create(CONFIG);
        List<LearnerReport> reports = new ArrayList<>();
        for (Example e : stream(6003, 5)) {
            reports.addAll(learner.observe(e.task, e.seq, e.seq, e.x, e.label, false));
        }
        int pending = learner.learner().pending();
        long step = learner.learner().step();
        assertThat(pending).as("the stream leaves a partial batch").isPositive();

        List<LearnerReport> end = learner.finish();

        assertThat(end).singleElement().satisfies(last -> {
            assertThat(last.reason()).isEqualTo(EvaluationReason.END_OF_INPUT);
            assertThat(last.step()).as("the partial batch was trained").isEqualTo(step + 1);
            assertThat(last.examplesSeen()).isEqualTo(learner.learner().examplesSeen());
            assertThat(last.scores()).extracting(TaskScore::taskId).containsExactly(0, 1);
            assertThat(last.metrics().atBoundary()).isTrue();
            BoundaryReport row = last.metrics().boundary();
            assertThat(row.endedTask()).isEqualTo(1);
            assertThat(row.tasks()).containsExactly(0, 1);
            assertThat(row.accuracies()).containsExactly(score(last, 0).accuracy(), score(last, 1).accuracy());
            assertThat(row.finalAccuracy()).isEqualTo((score(last, 0).accuracy() + score(last, 1).accuracy()) / 2);
            assertThat(row.backwardTransfer()).as("task 1 reverses task 0's labels").isLessThan(-0.5);
        });
        assertThat(learner.learner().pending()).isZero();
        assertThat(learner.finish()).as("nothing trained since").isEmpty();
        assertThat(reports.get(0).reason()).isEqualTo(EvaluationReason.INITIAL);
        assertThat(reports).filteredOn(r -> r.reason() == EvaluationReason.BOUNDARY).singleElement()
                .satisfies(r -> assertThat(r.currentTask()).isEqualTo(1));
        assertThat(reports.subList(1, reports.size())).extracting(LearnerReport::reason)
                .containsOnly(EvaluationReason.PERIODIC, EvaluationReason.BOUNDARY);
    }

    @Test
    void endOfInputRightAfterAPeriodicEvaluationScoresAgainWithoutRecordingTwice() {
        ContinualLearner learner = ContinualLearner.create(CONFIG);
        List<LearnerReport> reports = new ArrayList<>();
        List<Example> stream = stream(6000, 5);
        int i = 0;
        while (reports.isEmpty() || reports.get(reports.size() - 1).step() < 400
                || reports.get(reports.size() - 1).step() != learner.learner().step()
                || learner.learner().pending() > 0) {
            Example e = stream.get(i++);
            reports.addAll(learner.observe(e.task, e.seq, e.seq, e.x, e.label, false));
        }
        LearnerReport periodic = reports.get(reports.size() - 1);
        assertThat(periodic.step()).isEqualTo(learner.learner().step());
        long evaluationsOfTask1 = task(periodic, 1).evaluations();

        LearnerReport last = learner.finish().get(0);

        assertThat(last.step()).isEqualTo(periodic.step());
        assertThat(last.scores()).extracting(TaskScore::taskId).containsExactly(0, 1);
        assertThat(score(last, 1).accuracy()).as("full sets: the same score").isEqualTo(score(periodic, 1).accuracy());
        assertThat(task(last, 1).evaluations()).isEqualTo(evaluationsOfTask1);
        assertThat(last.metrics().boundary().step()).isEqualTo(periodic.step());

        List<LearnerReport> resumed = new ArrayList<>();
        for (Example e : stream.subList(i, i + 200)) {
            resumed.addAll(learner.observe(e.task, e.seq, e.seq, e.x, e.label, false));
        }
        assertThat(resumed.get(0).reason()).as("input after the end resumes the task").isEqualTo(EvaluationReason.BOUNDARY);
        assertThat(resumed.get(0).currentTask()).isEqualTo(1);
        assertThat(learner.finish()).singleElement().satisfies(r -> assertThat(r.metrics().atBoundary()).isTrue());
    }

    @Test
    void cutsATaskFreeStreamIntoSegmentsAtTheLossJump() {
        ContinualLearner learner = ContinualLearner.create(CONFIG);
        List<LearnerReport> reports = new ArrayList<>();
        for (Example e : stream(6000, 7)) {
            reports.addAll(learner.observe(null, e.seq, e.seq, e.x, e.label, false));
        }
        LearnerReport last = reports.get(reports.size() - 1);
        assertThat(last.currentTask()).as("one boundary found: segments 0 and 1").isEqualTo(1);
        LearnerReport boundary = reports.stream().filter(r -> r.metrics().atBoundary()).findFirst().orElseThrow();
        long switchStep = Math.round(3000 * 0.9 / 8);
        assertThat(boundary.step()).isBetween(switchStep, switchStep + 40);
        assertThat(score(last, 0).accuracy()).isLessThan(0.3);
        assertThat(score(last, 1).accuracy()).isGreaterThan(0.9);
    }

    private static TaskReport task(LearnerReport report, int task) {
        return report.metrics().tasks().stream().filter(t -> t.taskId() == task).findFirst().orElseThrow();
    }

    private static TaskScore score(LearnerReport report, int task) {
        return report.scores().stream().filter(s -> s.taskId() == task).findFirst().orElseThrow();
    }

    private static LearnerReport lastBefore(List<LearnerReport> reports, long examples) {
        LearnerReport last = null;
        for (LearnerReport r : reports) {
            if (r.examplesSeen() < examples * 0.9 && r.currentTask() == 0) {
                last = r;
            }
        }
        return last;
    }

    record Example(int task, long seq, float[] x, int label) {}

    /** Three 2-D clusters; in task 1 each cluster carries the next cluster's label. */
    static List<Example> stream(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Example> examples = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int task = i < n / 2 ? 0 : 1;
            int cluster = random.nextInt(3);
            double angle = 2 * Math.PI * cluster / 3;
            float[] x = {(float) (2 * Math.cos(angle) + 0.3 * random.nextGaussian()),
                (float) (2 * Math.sin(angle) + 0.3 * random.nextGaussian())};
            examples.add(new Example(task, i, x, task == 0 ? cluster : (cluster + 1) % 3));
        }
        return examples;
    }
}
