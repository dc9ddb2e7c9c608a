package io.streamcl.core.bench;

import io.streamcl.core.learner.LearnerConfig;
import io.streamcl.core.model.Activation;
import io.streamcl.core.model.MlpConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Examples/s of one training step of MLP 784-256-256-10 on Fashion-MNIST for each optimizer spec given with
 * {@code --specs} (separated by {@code ;}, default: SGD alone and with the noise-drawing stages), at the batch
 * sizes of {@code --batches}, each next to plain SGD measured in the same run, both with the replay of {@code
 * --replay} (default none; {@code lpr} and {@code agem} need one); medians of {@code runs} windows.
 * Launch with {@code BENCH_MAIN=io.streamcl.core.bench.StageBench operators/core/bench/run-bench.sh}.
 */
public final class StageBench {
    private static final String DEFAULT_SPECS = "sgd(lr=0.01)+shrink_perturb;upgd+sgd(lr=0.01)";

    private StageBench() {}

    public static void main(String[] args) throws Exception {
        double seconds = Double.parseDouble(TrainingBench.arg(args, "--seconds", "2"));
        int runs = Integer.parseInt(TrainingBench.arg(args, "--runs", "5"));
        String[] specs = TrainingBench.arg(args, "--specs", DEFAULT_SPECS).split(";");
        String[] batches = TrainingBench.arg(args, "--batches", "1,32").split(",");
        String replay = TrainingBench.arg(args, "--replay", "none");
        FashionMnist data = FashionMnist.load();
        MlpConfig model = new MlpConfig(784, new int[] {256, 256}, 10, Activation.RELU, 0);
        List<String> table = new ArrayList<>();
        table.add(String.format(Locale.ROOT, "%-50s %6s %12s %10s", "optimizer", "batch", "ex/s", "vs sgd"));
        for (String batchText : batches) {
            int batch = Integer.parseInt(batchText.trim());
            double sgd = TrainingBench.train(LearnerConfig.of(model, "sgd(lr=0.01)", batch, replay), data, seconds, runs);
            for (String spec : specs) {
                double rate = TrainingBench.train(LearnerConfig.of(model, spec.trim(), batch, replay), data, seconds, runs);
                table.add(String.format(Locale.ROOT, "%-50s %6d %12.0f %9.2fx", spec.trim(), batch, rate, rate / sgd));
                System.out.println(table.get(table.size() - 1));
            }
        }
        System.out.println();
        table.forEach(System.out::println);
    }
}
