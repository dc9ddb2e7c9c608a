package io.streamcl.core.bench;

import io.streamcl.core.detect.BoundaryDetectorConfig;
import io.streamcl.core.eval.EvaluationConfig;
import io.streamcl.core.learner.ContinualLearner;
import io.streamcl.core.learner.ContinualLearnerConfig;
import io.streamcl.core.learner.LearnerConfig;
import io.streamcl.core.learner.LearnerReport;
import io.streamcl.core.metrics.MetricsConfig;
import io.streamcl.core.model.Activation;
import io.streamcl.core.model.Mlp;
import io.streamcl.core.model.MlpConfig;
import io.streamcl.core.serving.ServedWeights;
import io.streamcl.core.serving.ServingConfig;
import io.streamcl.core.serving.ServingMode;
import io.streamcl.core.serving.WeightsSelector;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Gap-safe serving on split Fashion-MNIST (5 tasks of 2 classes, 3000 TRAIN examples each with every eleventh of the
 * task's stream held out: 300 per task; MLP 784-256-256-10, SGD lr 0.01 + EMA + reservoir replay, batch 32): the
 * prequential accuracy of predictions for unlabeled examples during the 50 updates after each boundary, served by
 * the raw weights, the EMA weights, {@code auto} ({@link WeightsSelector}, defaults) and {@code auto} with
 * {@code boundaryEma}. Unlabeled examples come from images 50000 on (never trained or held out), {@link #QUERIES}
 * after every update, drawn evenly over the seen tasks ("seen") or over the tasks before the current one ("old":
 * the tasks the stability gap hits). Launch with {@code BENCH_MAIN=io.streamcl.core.bench.ServingBench
 * operators/core/bench/run-bench.sh [--every 1] [--seeds 3]}.
 */
public final class ServingBench {
    private static final int TASKS = 5;
    private static final int TRAIN_PER_TASK = 3000;
    private static final int AFTER_BOUNDARY = 50;
    private static final int QUERIES = 40;
    private static final int BUCKET = 10;
    private static final int FIRST_QUERY_IMAGE = 50_000;
    private static final String[] POLICIES = {"raw", "ema", "auto", "auto+boundary"};
    private static final String[] MIXES = {"seen", "old"};

    private ServingBench() {}

    public static void main(String[] args) throws Exception {
        int every = intArg(args, "--every", 1);
        int seeds = intArg(args, "--seeds", 3);
        FashionMnist data = FashionMnist.load();
        System.out.println(String.format(Locale.ROOT, "eval.every=%d; accuracy %% on unlabeled examples in the %d"
                + " updates after each of the 4 boundaries (columns: %s)", every, AFTER_BOUNDARY, String.join(" / ",
                POLICIES)));
        double[][] total = new double[MIXES.length][POLICIES.length];
        for (int seed = 0; seed < seeds; seed++) {
            long[][][] hits = run(data, every, seed);
            for (int mix = 0; mix < MIXES.length; mix++) {
                double[] accuracy = accuracy(hits[mix]);
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "seed %d %-5s %s   by 10 updates:",
                        seed, MIXES[mix], row(accuracy)));
                for (int b = 0; b < AFTER_BOUNDARY / BUCKET; b++) {
                    line.append(" [").append(row(bucket(hits[mix], b))).append("]");
                }
                System.out.println(line);
                for (int p = 0; p < POLICIES.length; p++) {
                    total[mix][p] += accuracy[p] / seeds;
                }
            }
        }
        for (int mix = 0; mix < MIXES.length; mix++) {
            System.out.println(String.format(Locale.ROOT, "mean of %d seeds, %-5s %s   auto - raw %+.1f", seeds,
                    MIXES[mix], row(total[mix]), 100 * (total[mix][2] - total[mix][0])));
        }
    }

    /** Hits per query mix, policy and update since the boundary (the last slot counts the predictions). */
    private static long[][][] run(FashionMnist data, int every, long seed) {
        LearnerConfig learner = LearnerConfig.of(new MlpConfig(784, new int[] {256, 256}, 10, Activation.RELU, seed),
                "sgd(lr=0.01)+ema", 32, "reservoir(capacity=2000,batch=32)");
        ContinualLearner cl = ContinualLearner.create(new ContinualLearnerConfig(learner,
                new EvaluationConfig(every, 300, 300, 0, MetricsConfig.defaults(), 0), BoundaryDetectorConfig.defaults()));
        WeightsSelector auto = WeightsSelector.create(ServingConfig.of(ServingMode.AUTO));
        WeightsSelector boundaryEma = WeightsSelector.create(new ServingConfig(ServingMode.AUTO,
                ServingConfig.DEFAULT_WINDOW, ServingConfig.DEFAULT_MARGIN, true));
        int[][] queries = queryImages(data);
        int[] cursor = new int[TASKS];
        long[][][] hits = new long[MIXES.length][POLICIES.length + 1][AFTER_BOUNDARY];
        float[] x = new float[FashionMnist.PIXELS];
        long seq = 0;
        for (int task = 0; task < TASKS; task++) {
            long boundaryStep = cl.learner().step();
            long lastStep = -1;
            int taken = 0;
            for (int i = 0; i < FIRST_QUERY_IMAGE && taken < TRAIN_PER_TASK * 11 / 10; i++) {
                if (data.labels()[i] / 2 != task) {
                    continue;
                }
                System.arraycopy(data.images(), i * FashionMnist.PIXELS, x, 0, FashionMnist.PIXELS);
                for (LearnerReport report : cl.observe(task, seq++, 0, x, data.labels()[i], taken % 11 == 10)) {
                    auto.observe(report);
                    boundaryEma.observe(report);
                }
                taken++;
                int since = (int) (cl.learner().step() - boundaryStep);
                if (task == 0 || cl.learner().step() == lastStep || since >= AFTER_BOUNDARY) {
                    continue;
                }
                lastStep = cl.learner().step();
                Mlp raw = cl.learner().model();
                Mlp ema = cl.learner().shadowModel().orElseThrow();
                Mlp[] models = {raw, ema, auto.serving() == ServedWeights.EMA ? ema : raw,
                        boundaryEma.serving() == ServedWeights.EMA ? ema : raw};
                for (int mix = 0; mix < MIXES.length; mix++) {
                    int tasks = mix == 0 ? task + 1 : task;
                    for (int q = 0; q < QUERIES; q++) {
                        int queryTask = q % tasks;
                        int image = queries[queryTask][cursor[queryTask]++ % queries[queryTask].length];
                        System.arraycopy(data.images(), image * FashionMnist.PIXELS, x, 0, FashionMnist.PIXELS);
                        for (int p = 0; p < models.length; p++) {
                            hits[mix][p][since] += argMax(models[p].predict(x)) == data.labels()[image] ? 1 : 0;
                        }
                        hits[mix][POLICIES.length][since]++;
                    }
                }
            }
        }
        return hits;
    }

    private static double[] accuracy(long[][] hits) {
        double[] accuracy = new double[POLICIES.length];
        long total = 0;
        for (long n : hits[POLICIES.length]) {
            total += n;
        }
        for (int p = 0; p < POLICIES.length; p++) {
            long sum = 0;
            for (long n : hits[p]) {
                sum += n;
            }
            accuracy[p] = (double) sum / total;
        }
        return accuracy;
    }

    private static double[] bucket(long[][] hits, int b) {
        double[] accuracy = new double[POLICIES.length];
        long total = 0;
        for (int k = b * BUCKET; k < (b + 1) * BUCKET; k++) {
            total += hits[POLICIES.length][k];
        }
        for (int p = 0; p < POLICIES.length; p++) {
            long sum = 0;
            for (int k = b * BUCKET; k < (b + 1) * BUCKET; k++) {
                sum += hits[p][k];
            }
            accuracy[p] = (double) sum / total;
        }
        return accuracy;
    }

    private static String row(double[] accuracy) {
        StringBuilder row = new StringBuilder();
        for (double a : accuracy) {
            row.append(row.length() == 0 ? "" : "/").append(String.format(Locale.ROOT, "%.1f", 100 * a));
        }
        return row.toString();
    }

    /** Per task, the images from {@link #FIRST_QUERY_IMAGE} on whose class belongs to it. */
    private static int[][] queryImages(FashionMnist data) {
        List<List<Integer>> perTask = new ArrayList<>();
        for (int t = 0; t < TASKS; t++) {
            perTask.add(new ArrayList<>());
        }
        for (int i = FIRST_QUERY_IMAGE; i < data.count(); i++) {
            perTask.get(data.labels()[i] / 2).add(i);
        }
        return perTask.stream().map(l -> l.stream().mapToInt(Integer::intValue).toArray()).toArray(int[][]::new);
    }

    private static int argMax(float[] p) {
        int best = 0;
        for (int k = 1; k < p.length; k++) {
            best = p[k] > p[best] ? k : best;
        }
        return best;
    }

    private static int intArg(String[] args, String name, int fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return fallback;
    }
}
