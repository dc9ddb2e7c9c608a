package io.streamcl.jobs.bench;

import io.streamcl.core.learner.ContinualLearner;
import io.streamcl.core.learner.ContinualLearnerConfig;
import io.streamcl.core.state.Features;
import io.streamcl.deploy.kafka.LocalKafka;
import io.streamcl.deploy.kafka.TopicRecords;
import io.streamcl.flink.config.KeySettings;
import io.streamcl.flink.config.LearnerSettings;
import io.streamcl.flink.serde.ExampleMapper;
import io.streamcl.flink.serde.StreamExample;
import io.streamcl.jobs.common.JobOptions;
import io.streamcl.jobs.training.TrainingJob;
import io.streamcl.loadgen.LoadgenCli;
import io.streamcl.schemas.Example;
import io.streamcl.schemas.codec.EventCodec;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The training job against its own core, on the same records: Permuted Fashion-MNIST (10 tasks, 10 % EVAL, 8-bit
 * pixels) produced once per key count into a real local broker, then (1) the core loop, the records read back
 * into memory and decoded, validated and fed to one {@link ContinualLearner} per key in one thread, as the job's
 * decoder and learner would, and (2) {@link TrainingJob} on a Flink MiniCluster in this JVM with {@code --bounded
 * --from earliest}, with and without continual evaluation. The job's time is Flink's net runtime (from RUNNING to
 * FINISHED: deployment, the records, the final checkpoint; not the MiniCluster's start). Launch with {@code
 * jobs/bench/run-e2e-bench.sh}.
 */
public final class EndToEndBench {
    /** Long enough for a consumer group to join on a loaded machine, where 3 s read nothing. */
    private static final Duration IDLE = Duration.ofSeconds(30);

    private EndToEndBench() {}

    public static void main(String[] args) throws Exception {
        long records = Long.parseLong(arg(args, "--records", "60000"));
        int[] keyCounts = Arrays.stream(arg(args, "--keys", "1,10,100").split(",")).mapToInt(Integer::parseInt).toArray();
        String evalEvery = arg(args, "--eval-every", "10");
        // also the periodic evaluation on an evaluator thread (eval.async), in the core loop and the job alike
        boolean withAsync = Boolean.parseBoolean(arg(args, "--eval-async", "false"));
        List<String> table = new ArrayList<>();
        table.add(String.format(Locale.ROOT, "%5s %-34s %9s %12s %12s %8s", "keys", "evaluation", "records",
                "core rec/s", "job rec/s", "job/core"));
        // a loaded machine (the bench's usual habitat) can take more than the default 90 s to start a broker
        try (LocalKafka kafka = LocalKafka.builder().startupTimeout(Duration.ofMinutes(5)).start()) {
            String servers = kafka.bootstrapServers();
            kafka.createTopic("evaluations", 1);
            kafka.createTopic("predictions", 1);
            kafka.createTopic("dead-letters", 1);
            for (int keys : keyCounts) {
                String topic = "examples-" + keys;
                produce(servers, topic, records, keys);
                List<ConsumerRecord<byte[], byte[]>> input = TopicRecords.readAll(servers, topic, IDLE);
                List<Map<String, String>> runs = new ArrayList<>(List.of(settings(evalEvery, false)));
                if (withAsync) {
                    runs.add(settings(evalEvery, true));
                }
                runs.add(settings("1000000000", false));
                for (Map<String, String> settings : runs) {
                    boolean async = LearnerSettings.evaluatesAsync(settings);
                    String every = settings.get(LearnerSettings.EVAL_EVERY);
                    double core = input.size() / coreSeconds(input, settings);
                    double job = input.size() / jobSeconds(servers, topic, settings,
                            topic + "-" + every + (async ? "-async" : ""));
                    String evaluation = every.equals(evalEvery)
                            ? "every " + every + " updates, 500/task" + (async ? ", async" : "") : "boundaries only";
                    table.add(String.format(Locale.ROOT, "%5d %-34s %9d %12.0f %12.0f %7.2fx", keys, evaluation,
                            input.size(), core, job, job / core));
                    System.out.println(table.get(table.size() - 1));
                }
            }
        }
        System.out.println();
        table.forEach(System.out::println);
    }

    /** The setting: MLP 784-256-256-10, SGD, batch 32, 500 held-out samples a task, whole sets scored. */
    private static Map<String, String> settings(String evalEvery, boolean async) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put(LearnerSettings.EVAL_EVERY, evalEvery);
        settings.put(LearnerSettings.EVAL_ASYNC, Boolean.toString(async));
        settings.put(LearnerSettings.EVAL_SAMPLES, "500");
        return settings;
    }

    private static void produce(String servers, String topic, long records, int keys) {
        long perTask = Math.max(1, records / keys / 10);
        int status = LoadgenCli.run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), "produce",
                "--scenario", "permuted", "--tasks", "10", "--examples-per-task", Long.toString(perTask),
                "--key-count", Integer.toString(keys), "--key-mode", "independent", "-b", servers, "-t", topic,
                "--create-topic");
        if (status != 0) {
            throw new IllegalStateException("loadgen failed with status " + status);
        }
    }

    /** Seconds the core takes to decode, validate and learn from every record in one thread. */
    private static double coreSeconds(List<ConsumerRecord<byte[], byte[]>> input, Map<String, String> settings)
            throws Exception {
        ContinualLearnerConfig config = LearnerSettings.parse(settings);
        ExampleMapper mapper = new ExampleMapper(config.learner().model().inputs(), config.learner().model().outputs(),
                KeySettings.parse(settings).maxKeyBytes());
        EventCodec<Example> codec = EventCodec.of(Example.class, mapper.limits());
        Map<String, ContinualLearner> learners = new HashMap<>();
        Features view = Features.dense(new float[0]);
        ExecutorService evaluator = LearnerSettings.evaluatesAsync(settings) ? Executors.newSingleThreadExecutor() : null;
        long reports = 0;
        long start = System.nanoTime();
        for (ConsumerRecord<byte[], byte[]> record : input) {
            StreamExample e = mapper.map(codec.decode(record.value()));
            ContinualLearner learner = learners.computeIfAbsent(e.key,
                    k -> ContinualLearner.create(config).evaluateOn(evaluator));
            reports += learner.observe(e.taskId, e.seq, e.eventTime, e.featuresView(view), e.label, e.eval).size();
        }
        for (ContinualLearner learner : learners.values()) {
            reports += learner.finish().size();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (evaluator != null) {
            evaluator.shutdown();
        }
        System.out.printf(Locale.ROOT, "core loop: %d records, %d evaluations, %.1f s%n", input.size(), reports, seconds);
        return seconds;
    }

    /** Net runtime in seconds of the training job over {@code topic}, bounded, from the earliest offset. */
    private static double jobSeconds(String servers, String topic, Map<String, String> settings, String group)
            throws Exception {
        List<String> args = new ArrayList<>(List.of("--bootstrap-servers", servers, "--examples-topic", topic,
                "--group-id", "bench-" + group + "-" + System.nanoTime(), "--from", "earliest", "--bounded"));
        settings.forEach((key, value) -> args.addAll(List.of("-s", key + "=" + value)));
        TrainingJob job = TrainingJob.parse(args.toArray(String[]::new));
        long start = System.nanoTime();
        Configuration flink = JobOptions.flinkConfiguration();
        // The held-out sets outgrow the JobManager's 5 MB in-memory checkpoints: checkpoint to files, as a cluster does.
        flink.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
        flink.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY,
                Files.createTempDirectory("streamcl-bench-checkpoints").toUri().toString());
        JobExecutionResult result = job.run(StreamExecutionEnvironment.getExecutionEnvironment(flink));
        double seconds = result.getNetRuntime(TimeUnit.MILLISECONDS) / 1e3;
        System.out.printf(Locale.ROOT, "job on %s: %.1f s net runtime, %.1f s wall%n", topic, seconds,
                (System.nanoTime() - start) / 1e9);
        return seconds;
    }

    private static String arg(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
