package io.streamcl.core.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded random call sequences for {@link ContinualMetrics}, in the protocol of the Flink learner: every task
 * evaluated at model step 0 (b_j), then per step prequential predictions and an evaluation of every started task;
 * at a boundary the old tasks' evaluations at the boundary step come before or after the call (chosen at random),
 * the new task's after it. Task ids are arbitrary ints and no task recurs.
 *
 * <p>Sample counts: the held-out sets of odd-numbered tasks fill from empty, so their n-th evaluation since their
 * start uses min(1000, 1 + 40 n) samples (the first three stay below 100); even-numbered tasks always use 1000. At
 * step 0 every third task is scored on 50 samples. Counts draw no random numbers, so the accuracies are those of
 * the stream before counts existed.
 */
final class RandomStream {
    private RandomStream() {}

    /** One call to {@link ContinualMetrics}. */
    sealed interface Call permits Start, End, Evaluation, Predictions {
        void applyTo(ContinualMetrics metrics);
    }

    record Start(long step, int task) implements Call {
        @Override
        public void applyTo(ContinualMetrics metrics) {
            metrics.startTask(step, task);
        }
    }

    record End(long step) implements Call {
        @Override
        public void applyTo(ContinualMetrics metrics) {
            metrics.endTask(step);
        }
    }

    record Evaluation(long step, int task, double accuracy, int samples) implements Call {
        @Override
        public void applyTo(ContinualMetrics metrics) {
            metrics.recordEvaluation(step, task, accuracy, 1 - accuracy, samples);
        }

        /** This evaluation on a full set. */
        Evaluation full() {
            return new Evaluation(step, task, accuracy, 1000);
        }
    }

    record Predictions(int task, long correct, long examples) implements Call {
        @Override
        public void applyTo(ContinualMetrics metrics) {
            metrics.recordPredictions(task, correct, examples);
        }
    }

    static List<Call> generate(long seed, int taskCount, int maxTaskLength) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] ids = new int[taskCount];
        double[] accuracy = new double[taskCount];
        List<Call> calls = new ArrayList<>();
        for (int k = 0; k < taskCount; k++) {
            ids[k] = 1000 - 37 * k;
            accuracy[k] = quantise(random.nextDouble() * 0.3);
            calls.add(new Evaluation(0, ids[k], accuracy[k], k % 3 == 0 ? 50 : 1000));
        }
        int[] sinceStart = new int[taskCount];
        long step = 0;
        calls.add(new Start(step, ids[0]));
        for (int k = 0; k < taskCount; k++) {
            long end = step + 1 + random.nextInt(maxTaskLength);
            boolean oldTasksAfterCall = random.nextBoolean();
            List<Call> afterBoundary = new ArrayList<>();
            while (step < end) {
                step++;
                calls.add(new Predictions(ids[k], random.nextInt(5), 4));
                for (int j = 0; j <= k; j++) {
                    // The task in training tends up, the others drift down with noise: dips and recoveries.
                    double drift = j == k ? 0.04 : -0.02;
                    accuracy[j] = quantise(accuracy[j] + drift + (random.nextDouble() - 0.5) * 0.2);
                    Evaluation evaluation = new Evaluation(step, ids[j], accuracy[j], samples(j, sinceStart[j]++));
                    (step == end && oldTasksAfterCall ? afterBoundary : calls).add(evaluation);
                }
            }
            calls.add(k + 1 < taskCount ? new Start(step, ids[k + 1]) : new End(step));
            calls.addAll(afterBoundary);
            if (k + 1 < taskCount) {
                accuracy[k + 1] = quantise(accuracy[k + 1] + random.nextDouble() * 0.1);
                calls.add(new Evaluation(step, ids[k + 1], accuracy[k + 1], samples(k + 1, sinceStart[k + 1]++)));
            }
        }
        return calls;
    }

    private static int samples(int task, int evaluationsSinceStart) {
        return task % 2 == 0 ? 1000 : Math.min(1000, 1 + 40 * evaluationsSinceStart);
    }

    private static double quantise(double accuracy) {
        return Math.round(Math.min(1, Math.max(0, accuracy)) * 100) / 100.0;
    }
}
