package io.streamcl.core.learner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.streamcl.core.detect.BoundaryDetectorConfig;
import io.streamcl.core.eval.EvaluationConfig;
import io.streamcl.core.eval.TaskScore;
import io.streamcl.core.metrics.BoundaryReport;
import io.streamcl.core.metrics.MetricsConfig;
import io.streamcl.core.metrics.MetricsReport;
import io.streamcl.core.model.Activation;
import io.streamcl.core.model.Mlp;
import io.streamcl.core.model.MlpConfig;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * Tests what {@link ContinualLearner} scores when: FWT from pre-task copies, the sample minimum, boundary reports and
 * the EMA weights' metrics, against a slow reference that replays the stream and keeps every model it needs.
 */
class ContinualTransferTest {
    private static final MlpConfig MODEL = new MlpConfig(2, new int[] {16}, 3, Activation.RELU, 1);
    private static final int TASK_LENGTH = 1500;
    private static final int EVAL_EVERY = 5;

    /** Every fifth example is EVAL (marked by the producer); task t's labels are the clusters shifted by t. */
    private record Example(int task, long seq, float[] x, int label, boolean eval) {}

    private static ContinualLearnerConfig config(String optimizer, int every) {
        return new ContinualLearnerConfig(LearnerConfig.of(MODEL, optimizer, 8),
                new EvaluationConfig(every, 400, 400, 0, MetricsConfig.defaults(), 0), BoundaryDetectorConfig.defaults());
    }

    /*
     * Reference: when task j (j >= 1) starts, copy the raw and EMA weights; at the first report after that whose
     * evaluation saw at least 100 of j's EVAL examples (the set holds all of them below its capacity of 400), score the
     * copies and the initial model on exactly those examples. FWT of the row taken when task 2 ends (at task 3's
     * start) = mean over j = 1, 2 of (R_{j-1,j} - b_j), for raw and EMA weights alike.
     */
    @Test
    void forwardTransferComesFromPreTaskCopiesScoredOnceTheSetHasEnoughSamples() {
        ContinualLearner learner = ContinualLearner.create(config("sgd(lr=0.1)+ema", EVAL_EVERY));
        List<Example> stream = stream(4, 11);
        Map<Integer, List<Example>> held = new HashMap<>();
        Map<Integer, Mlp> rawCopies = new HashMap<>();
        Map<Integer, Mlp> shadowCopies = new HashMap<>();
        Map<Integer, double[]> expected = new HashMap<>();
        BoundaryReport rowAfterTask2 = null;
        BoundaryReport shadowRowAfterTask2 = null;
        for (Example e : stream) {
            Integer before = learner.currentTask();
            List<LearnerReport> reports = learner.observe(e.task, e.seq, e.seq, e.x, e.label, e.eval);
            if (e.eval) {
                held.computeIfAbsent(e.task, t -> new ArrayList<>()).add(e);
            } else if (before != null && before != e.task) {
                rawCopies.put(e.task, Mlp.withParameters(MODEL, learner.learner().model().parameterValues()));
                shadowCopies.put(e.task, Mlp.withParameters(MODEL,
                        learner.learner().shadowModel().orElseThrow().parameterValues()));
            }
            for (LearnerReport report : reports) {
                for (int j : rawCopies.keySet()) {
                    List<Example> set = held.getOrDefault(j, List.of());
                    if (!expected.containsKey(j) && set.size() >= 100) {
                        double b = accuracy(Mlp.initialize(MODEL), set);
                        expected.put(j, new double[] {accuracy(rawCopies.get(j), set) - b,
                            accuracy(shadowCopies.get(j), set) - b});
                    }
                }
                if (report.metrics().atBoundary() && report.metrics().boundary().endedTask() == 2) {
                    rowAfterTask2 = report.metrics().boundary();
                    shadowRowAfterTask2 = report.shadowMetrics().boundary();
                }
            }
        }
        assertThat(expected).containsOnlyKeys(1, 2, 3);
        assertThat(rowAfterTask2.forwardTransfer())
                .isCloseTo((expected.get(1)[0] + expected.get(2)[0]) / 2, within(1e-9));
        assertThat(shadowRowAfterTask2.forwardTransfer())
                .isCloseTo((expected.get(1)[1] + expected.get(2)[1]) / 2, within(1e-9));
    }

    /*
     * Reference for min-ACC, from the full history of reports: the minimum of task 0's scores on at least 100 samples
     * strictly after its training ended, one per model step, for raw and EMA weights.
     */
    @Test
    void minAccuracyOfRawAndEmaWeightsTakesOnlyScoresWithEnoughSamples() {
        List<LearnerReport> reports = reportsOfTwoTasks("sgd(lr=0.1)+ema", 12);
        long end = reports.stream().filter(r -> r.metrics().atBoundary()).findFirst().orElseThrow().step();
        LearnerReport last = reports.get(reports.size() - 1);
        assertThat(last.metrics().aggregate().minAccuracy())
                .isEqualTo(minimumAfter(reports, end, 0, TaskScore::accuracy));
        assertThat(last.shadowMetrics().aggregate().minAccuracy())
                .isEqualTo(minimumAfter(reports, end, 0, TaskScore::shadowAccuracy));
        assertThat(last.shadowMetrics().aggregate().windowedPlasticity10()).isNotNull();
        assertThat(last.shadowMetrics().stabilityGaps()).isNotEmpty();
        boolean smallScoresSeen = reports.stream().flatMap(r -> r.scores().stream())
                .anyMatch(s -> s.taskId() == 1 && s.samples() < 100);
        assertThat(smallScoresSeen).as("task 1's set filled from empty").isTrue();
    }

    /* With evaluation after every update, the boundary follows a periodic evaluation of the same step. */
    @Test
    void aBoundaryReportScoresEverySeenTaskOnTheSameModelAsThePeriodicOne() {
        List<LearnerReport> reports = reportsOfTwoTasks("sgd(lr=0.1)", 13);
        int at = 0;
        while (!reports.get(at).metrics().atBoundary()) {
            at++;
        }
        LearnerReport boundary = reports.get(at);
        LearnerReport periodic = reports.get(at - 1);
        assertThat(periodic.step()).isEqualTo(boundary.step());
        assertThat(boundary.scores()).extracting(TaskScore::taskId).contains(0);
        assertThat(boundary.scores().get(0).accuracy()).isEqualTo(periodic.scores().get(0).accuracy());
        assertThat(boundary.scores().get(0).samples()).isEqualTo(periodic.scores().get(0).samples());
        assertThat(boundary.metrics().tasks().get(0).evaluations())
                .as("the metrics took task 0 once at this step").isEqualTo(periodic.metrics().tasks().get(0).evaluations());
    }

    /*
     * continual-learner-v1.bin: ContinualLearnerTest.stream(4000, 6), first 2503 examples, through a learner of format 1
     * with ContinualBoundaryTest's config for "sgd(lr=0.1)+ema". It restores to the same model as a learner of this
     * build fed the same examples, and its EMA metrics start at the restore.
     */
    @Test
    void readsFormatOneState() throws IOException {
        ContinualLearnerConfig config = ContinualBoundaryTest.config("sgd(lr=0.1)+ema");
        List<ContinualLearnerTest.Example> examples = ContinualLearnerTest.stream(4000, 6);
        ContinualLearner restored;
        try (InputStream v1 = getClass().getResourceAsStream("continual-learner-v1.bin")) {
            restored = ContinualLearner.readFrom(new DataInputStream(v1), config);
        }
        ContinualLearner fresh = ContinualLearner.create(config);
        examples.subList(0, 2503).forEach(e -> fresh.observe(e.task(), e.seq(), e.seq(), e.x(), e.label(), false));
        assertThat(restored.learner().step()).isEqualTo(fresh.learner().step());
        assertThat(restored.learner().model().parameters()).isEqualTo(fresh.learner().model().parameters());
        List<LearnerReport> reports = new ArrayList<>();
        examples.subList(2503, examples.size())
                .forEach(e -> reports.addAll(restored.observe(e.task(), e.seq(), e.seq(), e.x(), e.label(), false)));
        MetricsReport shadow = reports.get(reports.size() - 1).shadowMetrics();
        assertThat(shadow.currentTask()).isEqualTo(1);
        assertThat(shadow.tasks().get(shadow.tasks().size() - 1).accuracy()).isNotNull();
    }

    /** The reports of a two-task stream evaluated after every update. */
    private static List<LearnerReport> reportsOfTwoTasks(String optimizer, long seed) {
        ContinualLearner learner = ContinualLearner.create(config(optimizer, 1));
        List<LearnerReport> reports = new ArrayList<>();
        for (Example e : stream(2, seed)) {
            reports.addAll(learner.observe(e.task, e.seq, e.seq, e.x, e.label, e.eval));
        }
        return reports;
    }

    private static Double minimumAfter(List<LearnerReport> reports, long end, int task,
            ToDoubleFunction<TaskScore> accuracy) {
        Map<Long, Double> perStep = new HashMap<>();
        for (LearnerReport report : reports) {
            for (TaskScore score : report.scores()) {
                if (score.taskId() == task && report.step() > end && score.samples() >= 100) {
                    perStep.putIfAbsent(report.step(), accuracy.applyAsDouble(score));
                }
            }
        }
        return perStep.values().stream().mapToDouble(Double::doubleValue).min().orElseThrow();
    }

    private static double accuracy(Mlp model, List<Example> set) {
        int correct = 0;
        for (Example e : set) {
            float[] p = model.predict(e.x);
            int best = 0;
            for (int k = 1; k < p.length; k++) {
                best = p[k] > p[best] ? k : best;
            }
            correct += best == e.label ? 1 : 0;
        }
        return (double) correct / set.size();
    }

    /** Three 2-D clusters; task t labels cluster c as (c + t) mod 3; EVAL examples arrive among TRAIN ones. */
    private static List<Example> stream(int tasks, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Example> examples = new ArrayList<>();
        for (int i = 0; i < tasks * TASK_LENGTH; i++) {
            int task = i / TASK_LENGTH;
            int cluster = random.nextInt(3);
            double angle = 2 * Math.PI * cluster / 3;
            float[] x = {(float) (2 * Math.cos(angle) + 0.3 * random.nextGaussian()),
                (float) (2 * Math.sin(angle) + 0.3 * random.nextGaussian())};
            examples.add(new Example(task, i, x, (cluster + task) % 3, i % 5 == 0));
        }
        return examples;
    }
}
