package io.streamcl.flink.bench;

import io.streamcl.core.learner.ContinualLearner;
import io.streamcl.core.learner.ContinualLearnerConfig;
import io.streamcl.core.state.Features;
import io.streamcl.flink.config.LearnerSettings;
import io.streamcl.flink.learner.LearnerStateSerializer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * Per-key learner state of the default model (784-256-256-10, SGD) after a stream of 8-bit pixels with replay and
 * full held-out sets (every fifth example held out, capped at 500 per task): serialized bytes, and the median time
 * to serialize, deserialize and copy it (what every checkpoint and every copy-on-write copy of the hashmap backend
 * costs per key). With input form {@code float} the pixels reach the learner dequantised, as every build before
 * learner state 3 stored them; with {@code 8bit} they arrive as the job hands them over. Prints a table; run with the
 * test classpath: {@code java -cp ... io.streamcl.flink.bench.LearnerStateBench [tasks] [examples-per-task]
 * [repetitions] [8bit|float]}.
 */
public final class LearnerStateBench {
    private LearnerStateBench() {}

    public static void main(String[] args) throws Exception {
        int tasks = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int perTask = args.length > 1 ? Integer.parseInt(args[1]) : 3000;
        int repetitions = args.length > 2 ? Integer.parseInt(args[2]) : 9;
        boolean eightBit = args.length <= 3 || args[3].equals("8bit");
        Map<String, String> settings = new HashMap<>();
        settings.put(LearnerSettings.REPLAY, "reservoir(capacity=2000)");
        settings.put(LearnerSettings.EVAL_EVERY, "1000000");
        settings.put(LearnerSettings.EVAL_PLASTICITY_EVERY, "0");
        ContinualLearnerConfig config = LearnerSettings.parse(settings);
        ContinualLearner learner = ContinualLearner.create(config);
        SplittableRandom random = new SplittableRandom(1);
        byte[] pixels = new byte[784];
        // 8-bit pixels as the loadgen sends them: q / 255
        Features quantized = Features.quantized(pixels, 1 / 255f, 0);
        float[] dense = new float[784];
        Features x = eightBit ? quantized : Features.dense(dense);
        for (int t = 0; t < tasks; t++) {
            for (int i = 0; i < perTask; i++) {
                int label = random.nextInt(10);
                random.nextBytes(pixels);
                if (!eightBit) {
                    quantized.copyInto(dense, 0);
                }
                long seq = (long) t * perTask + i;
                learner.observe(t, seq, seq, x, label, i % 5 == 0);
            }
        }
        LearnerStateSerializer serializer = new LearnerStateSerializer(config);
        long[] serialize = new long[repetitions];
        long[] deserialize = new long[repetitions];
        long[] copy = new long[repetitions];
        int bytes = 0;
        for (int r = 0; r < repetitions; r++) {
            long start = System.nanoTime();
            DataOutputSerializer out = new DataOutputSerializer(1 << 20);
            serializer.serialize(learner, out);
            serialize[r] = System.nanoTime() - start;
            bytes = out.length();
            start = System.nanoTime();
            serializer.deserialize(new DataInputDeserializer(out.getSharedBuffer(), 0, out.length()));
            deserialize[r] = System.nanoTime() - start;
            start = System.nanoTime();
            serializer.copy(learner);
            copy[r] = System.nanoTime() - start;
        }
        System.out.printf("%-44s %12s %14s %16s %10s%n", "state", "bytes", "serialize ms", "deserialize ms", "copy ms");
        System.out.printf("%-44s %12d %14.1f %16.1f %10.1f%n", tasks + " tasks, " + perTask + "/task, replay 2000, "
                + (eightBit ? "8-bit" : "float") + " input", bytes, median(serialize), median(deserialize),
                median(copy));
        long model = 4L * learner.learner().model().parameters().length;
        long replay = learner.learner().replayMemory().orElseThrow().bytes();
        System.out.printf("of which in memory: model %d bytes, replay rows %d bytes (%d held)%n", model, replay,
                learner.learner().replayMemory().orElseThrow().size());
    }

    private static double median(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2] / 1e6;
    }
}
