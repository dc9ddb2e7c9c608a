package io.streamcl.core.bench;

import io.streamcl.core.detect.BoundaryDetectorConfig;
import io.streamcl.core.eval.EvaluationConfig;
import io.streamcl.core.learner.ContinualLearner;
import io.streamcl.core.learner.ContinualLearnerConfig;
import io.streamcl.core.learner.LearnerConfig;
import io.streamcl.core.learner.LearnerReport;
import io.streamcl.core.metrics.AggregateReport;
import io.streamcl.core.metrics.GapReport;
import io.streamcl.core.metrics.MetricsConfig;
import io.streamcl.core.metrics.MetricsReport;
import io.streamcl.core.metrics.RecoveryTolerance;
import io.streamcl.core.model.Activation;
import io.streamcl.core.model.MlpConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The metric fixes of issue 13 on the issue's own setting: split Fashion-MNIST (5 tasks of 2 classes, 3000 TRAIN
 * examples each with every eleventh of the task's stream held out: 300 per task), MLP 784-256-256-10, SGD lr 0.01 +
 * reservoir replay, batch 32, evaluation after every update; the same run scored with every score counting and a
 * fixed recovery band of 0.01 (the metrics before issue 13, except that FWT then was never measured) and with the
 * defaults (100 samples, band of 2 standard errors). Launch with
 * {@code BENCH_MAIN=io.streamcl.core.bench.MetricGapsBench operators/core/bench/run-bench.sh}.
 */
public final class MetricGapsBench {
    private static final int TASKS = 5;
    private static final int TRAIN_PER_TASK = 3000;

    private MetricGapsBench() {}

    public static void main(String[] args) throws Exception {
        FashionMnist data = FashionMnist.load();
        MetricsConfig before = MetricsConfig.defaults().withMinSamples(1).withRecovery(RecoveryTolerance.absolute(0.01));
        System.out.println(String.format(Locale.ROOT, "%-40s %7s %7s %7s %7s %7s %7s %9s",
                "run (weights, metrics)", "avg", "min", "WC", "WF10", "WP10", "FWT", "recovered"));
        for (String optimizer : new String[] {"sgd(lr=0.01)", "sgd(lr=0.01)+ema"}) {
            for (MetricsConfig metrics : new MetricsConfig[] {before, MetricsConfig.defaults()}) {
                LearnerReport last = run(data, optimizer, metrics);
                String setting = metrics == before ? "min 1, eps .01" : "defaults";
                print(optimizer + " raw, " + setting, last.metrics());
                if (last.shadowMetrics() != null) {
                    print(optimizer + " EMA, " + setting, last.shadowMetrics());
                }
            }
        }
    }

    private static LearnerReport run(FashionMnist data, String optimizer, MetricsConfig metrics) {
        return run(data, optimizer, metrics, 0);
    }

    /** One run with model (and so replay and holdout) seed {@code seed}; the stream order is the data set's. */
    static LearnerReport run(FashionMnist data, String optimizer, MetricsConfig metrics, long seed) {
        LearnerConfig learner = LearnerConfig.of(new MlpConfig(784, new int[] {256, 256}, 10, Activation.RELU, seed),
                optimizer, 32, "reservoir(capacity=2000,batch=32)");
        ContinualLearner cl = ContinualLearner.create(new ContinualLearnerConfig(learner,
                new EvaluationConfig(1, 300, 300, 0, metrics, 0), BoundaryDetectorConfig.defaults()));
        List<LearnerReport> reports = new ArrayList<>();
        float[] x = new float[FashionMnist.PIXELS];
        long seq = 0;
        for (int task = 0; task < TASKS; task++) {
            int taken = 0;
            for (int i = 0; i < data.count() && taken < TRAIN_PER_TASK * 11 / 10; i++) {
                if (data.labels()[i] / 2 != task) {
                    continue;
                }
                System.arraycopy(data.images(), i * FashionMnist.PIXELS, x, 0, FashionMnist.PIXELS);
                reports.addAll(cl.observe(task, seq++, 0, x, data.labels()[i], taken % 11 == 10));
                taken++;
            }
        }
        reports.addAll(cl.flush());
        return reports.get(reports.size() - 1);
    }

    static void print(String run, MetricsReport report) {
        AggregateReport a = report.aggregate();
        List<GapReport> gaps = report.stabilityGaps();
        long recovered = gaps.stream().filter(g -> g.stepsToRecover() != null).count();
        System.out.println(String.format(Locale.ROOT, "%-40s %7s %7s %7s %7s %7s %7s %6d/%-2d", run,
                f(a.avgAccuracy()), f(a.minAccuracy()), f(a.worstCaseAccuracy()), f(a.windowedForgetting10()),
                f(a.windowedPlasticity10()), f(report.boundary() == null ? null : report.boundary().forwardTransfer()),
                recovered, gaps.size()));
    }

    private static String f(Double value) {
        return value == null ? "-" : String.format(Locale.ROOT, "%.3f", value);
    }
}
