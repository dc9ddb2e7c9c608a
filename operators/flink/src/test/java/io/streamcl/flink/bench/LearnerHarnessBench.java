package io.streamcl.flink.bench;

import io.streamcl.core.learner.ContinualLearnerConfig;
import io.streamcl.flink.config.LearnerSettings;
import io.streamcl.flink.learner.ContinualLearnerFunction;
import io.streamcl.flink.serde.StreamExample;
import io.streamcl.schemas.EvaluationEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

/**
 * Records per second of the keyed learner operator alone (Flink's operator harness, hashmap state, no network):
 * the default model, SGD, batches of 32, evaluation off, over {@code keys} learner keys. Prints the median of the
 * repetitions; run with the test classpath: {@code java -cp ... io.streamcl.flink.bench.LearnerHarnessBench [records]
 * [keys] [repetitions]}. Uses only API every release has, so the same program measures an older build.
 */
public final class LearnerHarnessBench {
    private LearnerHarnessBench() {}

    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int keys = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        int repetitions = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        ContinualLearnerConfig config = LearnerSettings.parse(Map.of(LearnerSettings.EVAL_EVERY, "1000000",
                LearnerSettings.EVAL_PLASTICITY_EVERY, "0"));
        List<StreamExample> stream = new ArrayList<>(records);
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < records; i++) {
            StreamExample e = new StreamExample();
            e.key = "k" + (i % keys);
            e.seq = i;
            e.eventTime = i;
            e.taskId = 0;
            e.label = random.nextInt(10);
            e.features = new float[784];
            for (int j = 0; j < 784; j++) {
                e.features[j] = random.nextInt(256) / 255f;
            }
            stream.add(e);
        }
        double[] rates = new double[repetitions];
        for (int r = 0; r < repetitions; r++) {
            try (var harness = new KeyedOneInputStreamOperatorTestHarness<String, StreamExample, EvaluationEvent>(
                    new KeyedProcessOperator<>(new ContinualLearnerFunction(config, Duration.ofSeconds(10))),
                    e -> e.key, Types.STRING)) {
                harness.open();
                long start = System.nanoTime();
                for (StreamExample e : stream) {
                    harness.processElement(e, e.eventTime);
                }
                rates[r] = records / ((System.nanoTime() - start) / 1e9);
            }
        }
        Arrays.sort(rates);
        System.out.printf("%-10s %8s %14s%n", "records", "keys", "records/s");
        System.out.printf("%-10d %8d %14.0f%n", records, keys, rates[repetitions / 2]);
    }
}
