package io.streamcl.core.bench;

import io.streamcl.core.diagnostics.PlasticityProbe;
import io.streamcl.core.diagnostics.PlasticityReport;
import io.streamcl.core.learner.BatchResult;
import io.streamcl.core.learner.LearnerConfig;
import io.streamcl.core.learner.OnlineLearner;
import io.streamcl.core.model.Activation;
import io.streamcl.core.model.MlpConfig;
import java.util.SplittableRandom;

/**
 * A short loss-of-plasticity run on Permuted Fashion-MNIST through the core alone: MLP 784-100-100-10, one fixed
 * pixel permutation per task, {@code --examples} examples per task drawn from the training set, batch {@code
 * --batch}, one learner per optimizer spec of {@code --specs} (separated by {@code ;}). Prints, per spec, the
 * online (prequential) accuracy over the first and last {@code --window} tasks, their ratio, and the dead-unit fraction of each
 * hidden layer at the end (units silent on all of 500 probe examples of the last task). Launch with {@code
 * BENCH_MAIN=io.streamcl.core.bench.PermutedExperiment operators/core/bench/run-bench.sh --tasks 20}.
 */
public final class PermutedExperiment {
    private static final String DEFAULT_SPECS = "sgd(lr=0.01);sgd(lr=0.01)+shrink_perturb";
    private static final int PROBE = 500;

    private PermutedExperiment() {}

    public static void main(String[] args) throws Exception {
        int tasks = Integer.parseInt(TrainingBench.arg(args, "--tasks", "20"));
        int examples = Integer.parseInt(TrainingBench.arg(args, "--examples", "2500"));
        int batch = Integer.parseInt(TrainingBench.arg(args, "--batch", "16"));
        int window = Integer.parseInt(TrainingBench.arg(args, "--window", "5"));
        long seed = Long.parseLong(TrainingBench.arg(args, "--seed", "0"));
        FashionMnist data = FashionMnist.load();
        MlpConfig model = new MlpConfig(784, new int[] {100, 100}, 10, Activation.RELU, seed);
        PlasticityTable table = new PlasticityTable("accuracy", window, true);
        for (String spec : TrainingBench.arg(args, "--specs", DEFAULT_SPECS).split(";")) {
            long start = System.nanoTime();
            OnlineLearner learner = OnlineLearner.create(LearnerConfig.of(model, spec.trim(), batch));
            double[] accuracy = new double[tasks];
            float[] x = new float[FashionMnist.PIXELS];
            int[] permutation = null;
            SplittableRandom random = new SplittableRandom(seed);
            for (int task = 0; task < tasks; task++) {
                permutation = permutation(random);
                long correct = 0;
                for (int e = 0; e < examples; e++) {
                    int i = random.nextInt(data.count());
                    permute(data, i, permutation, x);
                    if (learner.add(x, data.labels()[i])) {
                        BatchResult result = learner.update();
                        correct += result.correctBeforeUpdate();
                    }
                }
                accuracy[task] = (double) correct / examples;
            }
            PlasticityReport report = probe(learner, data, permutation, random);
            table.add(spec.trim(), accuracy, report, (System.nanoTime() - start) / 1e9);
        }
        table.print();
    }

    private static PlasticityReport probe(OnlineLearner learner, FashionMnist data, int[] permutation,
            SplittableRandom random) {
        float[] probe = new float[PROBE * FashionMnist.PIXELS];
        float[] x = new float[FashionMnist.PIXELS];
        for (int r = 0; r < PROBE; r++) {
            permute(data, random.nextInt(data.count()), permutation, x);
            System.arraycopy(x, 0, probe, r * FashionMnist.PIXELS, FashionMnist.PIXELS);
        }
        return PlasticityProbe.measure(learner.model(), probe, PROBE, learner.gradientNorm());
    }

    private static int[] permutation(SplittableRandom random) {
        int[] p = new int[FashionMnist.PIXELS];
        for (int i = 0; i < p.length; i++) {
            p[i] = i;
        }
        for (int i = p.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    private static void permute(FashionMnist data, int image, int[] permutation, float[] x) {
        for (int k = 0; k < FashionMnist.PIXELS; k++) {
            x[k] = data.images()[image * FashionMnist.PIXELS + permutation[k]];
        }
    }
}
