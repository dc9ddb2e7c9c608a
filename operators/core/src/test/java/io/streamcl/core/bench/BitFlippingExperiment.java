package io.streamcl.core.bench;

import io.streamcl.core.diagnostics.PlasticityProbe;
import io.streamcl.core.diagnostics.PlasticityReport;
import io.streamcl.core.learner.LearnerConfig;
import io.streamcl.core.learner.OnlineLearner;
import io.streamcl.core.model.Activation;
import io.streamcl.core.model.InitScheme;
import io.streamcl.core.model.Loss;
import io.streamcl.core.model.MlpConfig;
import java.util.SplittableRandom;

/**
 * Dohare et al.'s slowly-changing regression ("bit-flipping", Nature 2024, Figure 1) through the core alone: 20
 * input bits, the first 15 re-drawn at every task, the other 5 fresh per example; the target is a fixed network of
 * 100 linear threshold units with ±1 weights (threshold β(m+1) minus its count of -1 weights, β = 0.7), the learner
 * an MLP 20-5-1 (ReLU) trained online on squared error. Prints, per optimizer spec of {@code --specs} (separated by
 * {@code ;}), the mean squared error over the first and last {@code --window} tasks, their ratio, and the dead-unit
 * fraction at the end. Launch with {@code BENCH_MAIN=io.streamcl.core.bench.BitFlippingExperiment
 * operators/core/bench/run-bench.sh --tasks 100 --examples 10000}.
 */
public final class BitFlippingExperiment {
    private static final int INPUTS = 20;
    private static final int SLOW = 15;
    private static final int TARGET_UNITS = 100;
    private static final double BETA = 0.7;
    private static final int PROBE = 500;

    private BitFlippingExperiment() {}

    public static void main(String[] args) {
        int tasks = Integer.parseInt(TrainingBench.arg(args, "--tasks", "100"));
        int examples = Integer.parseInt(TrainingBench.arg(args, "--examples", "10000"));
        int batch = Integer.parseInt(TrainingBench.arg(args, "--batch", "1"));
        int window = Integer.parseInt(TrainingBench.arg(args, "--window", "10"));
        long seed = Long.parseLong(TrainingBench.arg(args, "--seed", "0"));
        MlpConfig model = new MlpConfig(INPUTS, new int[] {5}, 1, Activation.RELU, false, Loss.SQUARED_ERROR,
                InitScheme.KAIMING_UNIFORM, seed);
        PlasticityTable table = new PlasticityTable("error", window, false);
        for (String spec : TrainingBench.arg(args, "--specs", "sgd(lr=0.01)").split(";")) {
            long start = System.nanoTime();
            OnlineLearner learner = OnlineLearner.create(LearnerConfig.of(model, spec.trim(), batch));
            SplittableRandom random = new SplittableRandom(seed);
            Target target = new Target(new SplittableRandom(seed ^ 0x171L));
            float[] x = new float[INPUTS];
            float[] y = new float[1];
            double[] error = new double[tasks];
            boolean[] slow = new boolean[SLOW];
            for (int task = 0; task < tasks; task++) {
                for (int i = 0; i < SLOW; i++) {
                    slow[i] = random.nextBoolean();
                }
                double sum = 0;
                for (int e = 0; e < examples; e++) {
                    draw(slow, random, x);
                    y[0] = (float) target.value(x);
                    float prediction = learner.model().predict(x)[0];
                    sum += (prediction - y[0]) * (prediction - y[0]);
                    if (learner.add(x, y)) {
                        learner.update();
                    }
                }
                error[task] = sum / examples;
            }
            float[] probe = new float[PROBE * INPUTS];
            for (int r = 0; r < PROBE; r++) {
                draw(slow, random, x);
                System.arraycopy(x, 0, probe, r * INPUTS, INPUTS);
            }
            PlasticityReport report = PlasticityProbe.measure(learner.model(), probe, PROBE, learner.gradientNorm());
            table.add(spec.trim(), error, report, (System.nanoTime() - start) / 1e9);
        }
        table.print();
    }

    private static void draw(boolean[] slow, SplittableRandom random, float[] x) {
        for (int i = 0; i < INPUTS; i++) {
            x[i] = (i < SLOW ? slow[i] : random.nextBoolean()) ? 1f : 0f;
        }
    }

    /** Dohare et al.'s fixed LTU target network ({@code FixLTUNet}). */
    private static final class Target {
        private final int[][] weights = new int[TARGET_UNITS][INPUTS + 1];
        private final int[] output = new int[TARGET_UNITS];
        private final double[] threshold = new double[TARGET_UNITS];

        Target(SplittableRandom random) {
            for (int h = 0; h < TARGET_UNITS; h++) {
                int negatives = 0;
                for (int i = 0; i <= INPUTS; i++) {
                    weights[h][i] = random.nextBoolean() ? 1 : -1;
                    negatives += weights[h][i] < 0 ? 1 : 0;
                }
                threshold[h] = BETA * (INPUTS + 1) - negatives;
                output[h] = random.nextBoolean() ? 1 : -1;
            }
        }

        /** Sum of the output weights of the units whose input (bias input 1 included) exceeds their threshold. */
        double value(float[] x) {
            double y = 0;
            for (int h = 0; h < TARGET_UNITS; h++) {
                int a = weights[h][INPUTS];
                for (int i = 0; i < INPUTS; i++) {
                    a += x[i] > 0 ? weights[h][i] : 0;
                }
                y += a > threshold[h] ? output[h] : 0;
            }
            return y;
        }
    }
}
