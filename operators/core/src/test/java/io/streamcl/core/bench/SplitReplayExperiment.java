package io.streamcl.core.bench;

import io.streamcl.core.learner.LearnerReport;
import io.streamcl.core.metrics.MetricsConfig;
import java.util.Locale;

/**
 * Replay-based stability-gap methods side by side on issue 13's split Fashion-MNIST setting ({@link
 * MetricGapsBench}: 5 tasks of 2 classes, 3000 TRAIN examples each, 300 held out per task, MLP 784-256-256-10,
 * reservoir replay of 2000 with 32 replay rows per update, batch 32, evaluation after every update, default
 * metrics): per optimizer spec of {@code --specs} (separated by {@code ;}) and model seed of {@code --seeds}
 * (separated by {@code ,}), the final avg-ACC, min-ACC and WC-ACC of
 * the raw weights and, with {@code ema}, of the EMA weights. Launch with {@code
 * BENCH_MAIN=io.streamcl.core.bench.SplitReplayExperiment operators/core/bench/run-bench.sh --specs
 * "sgd(lr=0.01)+ema;sgd(lr=0.01)+lpr"}.
 */
public final class SplitReplayExperiment {
    private SplitReplayExperiment() {}

    public static void main(String[] args) throws Exception {
        FashionMnist data = FashionMnist.load();
        System.out.println(String.format(Locale.ROOT, "%-40s %7s %7s %7s %7s %7s %7s %9s", "run (weights)", "avg",
                "min", "WC", "WF10", "WP10", "FWT", "recovered"));
        String[] seeds = TrainingBench.arg(args, "--seeds", "0").split(",");
        for (String spec : TrainingBench.arg(args, "--specs", "sgd(lr=0.01);sgd(lr=0.01)+ema;sgd(lr=0.01)+lpr")
                .split(";")) {
            for (String seed : seeds) {
                long start = System.nanoTime();
                LearnerReport last = MetricGapsBench.run(data, spec.trim(), MetricsConfig.defaults(),
                        Long.parseLong(seed.trim()));
                String run = spec.trim() + " s" + seed.trim();
                MetricGapsBench.print(run + " raw", last.metrics());
                if (last.shadowMetrics() != null) {
                    MetricGapsBench.print(run + " EMA", last.shadowMetrics());
                }
                System.out.println(String.format(Locale.ROOT, "  (%.0f s)", (System.nanoTime() - start) / 1e9));
            }
        }
    }
}
