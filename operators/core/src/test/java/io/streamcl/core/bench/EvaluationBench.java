package io.streamcl.core.bench;

import io.streamcl.core.detect.BoundaryDetectorConfig;
import io.streamcl.core.eval.EvaluationConfig;
import io.streamcl.core.learner.ContinualLearner;
import io.streamcl.core.learner.ContinualLearnerConfig;
import io.streamcl.core.learner.LearnerConfig;
import io.streamcl.core.metrics.MetricsConfig;
import io.streamcl.core.model.Activation;
import io.streamcl.core.model.MlpConfig;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * What continual evaluation costs: training throughput of MLP 784-256-256-10 (SGD, batch 32) on Fashion-MNIST
 * with 10 seen tasks of 500 held-out samples each, evaluated every 10 updates (whole sets, or a rotating slice of
 * each, on the training thread or on an evaluator thread) versus never; medians of {@code runs} windows (see {@link TrainingBench#rate}). Launch with {@code
 * BENCH_MAIN=io.streamcl.core.bench.EvaluationBench operators/core/bench/run-bench.sh}.
 */
public final class EvaluationBench {
    private static final int TASKS = 10;
    private static final int SAMPLES = 500;
    private static final int BATCH = 32;

    private EvaluationBench() {}

    public static void main(String[] args) throws Exception {
        double seconds = Double.parseDouble(TrainingBench.arg(args, "--seconds", "2"));
        int runs = Integer.parseInt(TrainingBench.arg(args, "--runs", "5"));
        FashionMnist data = FashionMnist.load();
        System.out.println(OpenBlasKernel.describe());
        System.out.println(String.format(Locale.ROOT, "%-40s %12s %14s", "setting", "train ex/s", "eval share"));
        double none = rate(data, Integer.MAX_VALUE, SAMPLES, seconds, runs, null);
        print("no evaluation", none, none);
        print("every 10 updates, 10 tasks x 500", rate(data, 10, SAMPLES, seconds, runs, null), none);
        ExecutorService evaluator = Executors.newSingleThreadExecutor();
        try {
            print("same, on an evaluator thread", rate(data, 10, SAMPLES, seconds, runs, evaluator), none);
            print("every 50 updates, 10 x 500, evaluator thread", rate(data, 50, SAMPLES, seconds, runs, evaluator),
                    none);
        } finally {
            evaluator.shutdownNow();
        }
        print("every 10 updates, 10 tasks x slice 100", rate(data, 10, 100, seconds, runs, null), none);
        print("every 10 updates, 10 tasks x slice 50", rate(data, 10, 50, seconds, runs, null), none);
        print("every 50 updates, 10 tasks x 500", rate(data, 50, SAMPLES, seconds, runs, null), none);
    }

    private static void print(String setting, double rate, double none) {
        System.out.println(String.format(Locale.ROOT, "%-40s %12.0f %13.0f%%", setting, rate, 100 * (1 - rate / none)));
    }

    /** Training rate; with {@code evaluator} the evaluations are scored there ({@link ContinualLearner#evaluateOn}). */
    private static double rate(FashionMnist data, int every, int slice, double seconds, int runs, Executor evaluator) {
        LearnerConfig learner = LearnerConfig.of(new MlpConfig(784, new int[] {256, 256}, 10, Activation.RELU, 0),
                "sgd(lr=0.01)", BATCH);
        ContinualLearner cl = ContinualLearner.create(new ContinualLearnerConfig(learner,
                new EvaluationConfig(every, SAMPLES, slice, 0, MetricsConfig.defaults(), 0),
                BoundaryDetectorConfig.defaults())).evaluateOn(evaluator);
        float[] x = new float[FashionMnist.PIXELS];
        long[] seq = {0};
        for (int task = 0; task < TASKS; task++) {
            for (int i = 0; i < SAMPLES; i++) {
                feed(cl, data, task, seq, x, true);
            }
            feed(cl, data, task, seq, x, false);
        }
        return TrainingBench.rate(() -> {
            for (int b = 0; b < BATCH; b++) {
                feed(cl, data, TASKS - 1, seq, x, false);
            }
        }, BATCH, seconds, runs);
    }

    private static void feed(ContinualLearner cl, FashionMnist data, int task, long[] seq, float[] x, boolean heldOut) {
        int i = (int) (seq[0] % data.count());
        System.arraycopy(data.images(), i * FashionMnist.PIXELS, x, 0, FashionMnist.PIXELS);
        cl.observe(task, seq[0]++, 0, x, data.labels()[i], heldOut);
    }
}
