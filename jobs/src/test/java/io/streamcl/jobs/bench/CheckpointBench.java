package io.streamcl.jobs.bench;

import io.streamcl.deploy.kafka.LocalKafka;
import io.streamcl.jobs.common.JobOptions;
import io.streamcl.jobs.common.StateBackendChoice;
import io.streamcl.jobs.training.TrainingJob;
import io.streamcl.loadgen.LoadgenCli;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.api.common.JobID;
import org.apache.flink.client.program.ClusterClient;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MetricOptions;
import org.apache.flink.core.execution.CheckpointType;
import org.apache.flink.runtime.client.JobStatusMessage;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.util.MiniClusterWithClientResource;

/**
 * What learner state costs at checkpoints, on both state backends: per learner-key state bytes, the bytes and the
 * duration of a checkpoint after every key learned, and of a checkpoint after only a tenth of the keys got records
 * (RocksDB's incremental checkpoints upload only what changed; the hashmap backend writes everything), and the
 * training job's throughput at each key count. Each row runs {@link TrainingJob} unbounded on a MiniCluster in this
 * JVM against a local broker: the stream is produced, the job consumes it (the learner operator's record count is
 * polled over the REST API), a checkpoint is triggered and its statistics read; then a tenth of the keys get one
 * more task and a second checkpoint is triggered. Periodic checkpoints are off (1 h interval) so that each
 * measured checkpoint covers exactly one phase. Launch with {@code jobs/bench/run-checkpoint-bench.sh}.
 */
public final class CheckpointBench {
    private static final Pattern NUMBER = Pattern.compile("\"sum\"\\s*:\\s*([0-9.E]+)");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** One row: a model on a scenario, a key count and examples per key. */
    private record Row(String model, int keys, int examplesPerKey) {
        boolean small() {
            return model.equals("small");
        }

        /** The learner settings: the default model on Fashion-MNIST, or 20-64-64-5 on Gaussian clusters. */
        List<String> settings() {
            return small() ? List.of("-s", "model.inputs=20", "-s", "model.classes=5", "-s", "model.hidden=64,64",
                    "-s", "learner.batch-size=16", "-s", "optimizer=sgd(lr=0.05)")
                    : List.of("-s", "learner.batch-size=32");
        }

        /** loadgen arguments for {@code keys} keys with {@code examples} examples each (one task). */
        List<String> scenario(int keys, int examples, int seed) {
            List<String> args = new ArrayList<>(List.of("--key-count", Integer.toString(keys), "--key-mode",
                    "independent", "--tasks", "1", "--examples-per-task", Integer.toString(examples), "--seed",
                    Integer.toString(seed)));
            args.addAll(small() ? List.of("--scenario", "gaussian", "--features", "20", "--classes", "5")
                    : List.of("--scenario", "permuted"));
            return args;
        }
    }

    /** The statistics of one completed checkpoint, from the REST API. */
    private record Stats(long stateSize, long checkpointedSize, long durationMillis) {}

    private CheckpointBench() {}

    public static void main(String[] args) throws Exception {
        List<Row> rows = new ArrayList<>();
        for (String spec : arg(args, "--rows", "default:1:64,default:10:64,default:100:64,small:1:20000,"
                + "small:1000:32,small:10000:32").split(",")) {
            String[] p = spec.split(":");
            rows.add(new Row(p[0], Integer.parseInt(p[1]), Integer.parseInt(p[2])));
        }
        List<StateBackendChoice> backends = Arrays.stream(arg(args, "--backends", "hashmap,rocksdb").split(","))
                .map(b -> new StateBackendChoice.Converter().convert(b)).toList();
        String evalEvery = arg(args, "--eval-every", "");
        List<String> table = new ArrayList<>();
        table.add(String.format(Locale.ROOT, "| %-18s | %6s | %-8s | %9s | %12s | %12s | %9s | %14s | %9s | %10s |",
                "model", "keys", "backend", "records", "B/key", "full cp B", "full cp", "10% keys cp B",
                "10% cp", "records/s"));
        table.add("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|");
        Configuration cluster = new Configuration();
        cluster.set(MetricOptions.METRIC_FETCHER_UPDATE_INTERVAL, java.time.Duration.ofMillis(500));
        MiniClusterWithClientResource flink = new MiniClusterWithClientResource(new MiniClusterResourceConfiguration
                .Builder().setConfiguration(cluster).setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());
        flink.before();
        try (LocalKafka kafka = LocalKafka.builder().heap("512m").start()) {
            kafka.createTopic("predictions", 1);
            kafka.createTopic("dead-letters", 1);
            for (Row row : rows) {
                for (StateBackendChoice backend : backends) {
                    String line = run(kafka, flink.getClusterClient(), row, backend, evalEvery);
                    table.add(line);
                    System.out.println(line);
                }
            }
        } finally {
            flink.after();
        }
        System.out.println();
        table.forEach(System.out::println);
    }

    private static String run(LocalKafka kafka, ClusterClient<?> client, Row row, StateBackendChoice backend,
            String evalEvery) throws Exception {
        String name = row.model() + "-" + row.keys() + "-" + backend.flinkName();
        String topic = "examples-" + name;
        kafka.createTopic(topic, 1);
        kafka.createTopic("evaluations-" + name, 1);
        long records = produce(kafka.bootstrapServers(), topic, row.scenario(row.keys(), row.examplesPerKey(), 1));
        List<String> jobArgs = new ArrayList<>(List.of("--bootstrap-servers", kafka.bootstrapServers(),
                "--examples-topic", topic, "--evaluations-topic", "evaluations-" + name, "--group-id", name,
                "--from", "earliest", "--checkpoint-interval", "1h", "--restart-attempts", "0",
                "--state-backend", backend.flinkName(), "--checkpoint-dir",
                Files.createTempDirectory("streamcl-checkpoint-bench").toString()));
        jobArgs.addAll(row.settings());
        // room for every key: beyond keys.max-learners (default 1,000 a subtask) new keys are dead-lettered
        jobArgs.addAll(List.of("-s", "keys.max-learners=" + Math.max(1000, row.keys())));
        if (!evalEvery.isEmpty()) {
            jobArgs.addAll(List.of("-s", "eval.every=" + evalEvery));
        }
        TrainingJob job = TrainingJob.parse(jobArgs.toArray(String[]::new));
        long submitted = System.currentTimeMillis();
        CompletableFuture<Void> running = CompletableFuture.runAsync(() -> {
            try {
                job.run(StreamExecutionEnvironment.getExecutionEnvironment(JobOptions.flinkConfiguration()));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        JobID id = jobSubmittedAfter(client, submitted);
        try {
            double rate = awaitLearnerRecords(client, id, records, running);
            Stats full = checkpoint(client, id);
            int changed = Math.max(1, row.keys() / 10);
            long more = produce(kafka.bootstrapServers(), topic, row.scenario(changed, row.small() ? 32 : 64, 2));
            awaitLearnerRecords(client, id, records + more, running);
            Stats partial = checkpoint(client, id);
            return String.format(Locale.ROOT, "| %-18s | %,6d | %-8s | %,9d | %,12d | %,12d | %7.2f s | %,14d | %7.2f s | %,10.0f |",
                    row.small() ? "20-64-64-5 gaussian" : "784-256-256-10", row.keys(), backend.flinkName(), records,
                    full.stateSize() / row.keys(), full.checkpointedSize(), full.durationMillis() / 1e3,
                    partial.checkpointedSize(), partial.durationMillis() / 1e3, rate);
        } finally {
            client.cancel(id).get();
            running.handle((v, e) -> null).get();
        }
    }

    private static long produce(String servers, String topic, List<String> scenario) {
        List<String> args = new ArrayList<>(List.of("produce", "-b", servers, "-t", topic, "--quiet"));
        args.addAll(scenario);
        int status = LoadgenCli.run(new PrintWriter(System.out, true), new PrintWriter(System.err, true),
                args.toArray(String[]::new));
        if (status != 0) {
            throw new IllegalStateException("loadgen failed with status " + status);
        }
        int keys = Integer.parseInt(scenario.get(scenario.indexOf("--key-count") + 1));
        return (long) keys * Integer.parseInt(scenario.get(scenario.indexOf("--examples-per-task") + 1));
    }

    /**
     * Waits until the learner operator has received {@code records} records and returns its rate in records/s, from
     * the first record it saw to the last.
     */
    private static double awaitLearnerRecords(ClusterClient<?> client, JobID id, long records,
            CompletableFuture<Void> running) throws Exception {
        String vertex = learnerVertex(client, id);
        long first = 0;
        long start = 0;
        while (true) {
            if (running.isDone()) {
                running.get();
                throw new IllegalStateException("the job ended before consuming its input");
            }
            long seen = (long) Double.parseDouble(matchOr(NUMBER, get(client, "/jobs/" + id + "/vertices/" + vertex
                    + "/subtasks/metrics?get=numRecordsIn"), "0"));
            long now = System.nanoTime();
            if (seen > 0 && start == 0) {
                first = seen;
                start = now;
            }
            if (seen >= records) {
                return (seen - first) / Math.max(1e-3, (now - start) / 1e9);
            }
            Thread.sleep(250);
        }
    }

    /**
     * Triggers a checkpoint and returns its statistics once it completed. They are read from the job's checkpoint
     * overview ({@code latest.completed}): the per-checkpoint details endpoint caches by checkpoint id across jobs.
     */
    private static Stats checkpoint(ClusterClient<?> client, JobID id) throws Exception {
        long checkpoint = client.triggerCheckpoint(id, CheckpointType.CONFIGURED).get();
        Pattern latest = Pattern.compile("\"latest\"\\s*:\\s*\\{\\s*\"completed\"\\s*:\\s*(\\{[^{}]*)");
        for (int attempt = 0; attempt < 400; attempt++) {
            String completed = matchOr(latest, get(client, "/jobs/" + id + "/checkpoints"), "");
            if (field(completed, "id") == checkpoint) {
                return new Stats(field(completed, "state_size"), field(completed, "checkpointed_size"),
                        field(completed, "end_to_end_duration"));
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("no statistics for checkpoint " + checkpoint);
    }

    /** The id of the learner's vertex, once the job has left INITIALIZING and lists its vertices. */
    private static String learnerVertex(ClusterClient<?> client, JobID id) throws Exception {
        Pattern learner = Pattern.compile("\"id\"\\s*:\\s*\"(\\w+)\"[^{}]*?\"name\"\\s*:\\s*\"continual learner");
        for (int attempt = 0; attempt < 600; attempt++) {
            Matcher m = learner.matcher(get(client, "/jobs/" + id));
            if (m.find()) {
                return m.group(1);
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("no learner vertex in " + get(client, "/jobs/" + id));
    }

    private static JobID jobSubmittedAfter(ClusterClient<?> client, long since) throws Exception {
        for (int attempt = 0; attempt < 600; attempt++) {
            for (JobStatusMessage job : client.listJobs().get()) {
                if (job.getStartTime() >= since) {
                    return job.getJobId();
                }
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("no job submitted within 60 s");
    }

    private static long field(String json, String name) {
        return Long.parseLong(matchOr(Pattern.compile("\"" + name + "\"\\s*:\\s*(\\d+)"), json, "-1"));
    }

    private static String matchOr(Pattern pattern, String text, String fallback) {
        Matcher m = pattern.matcher(text);
        return m.find() ? m.group(1) : fallback;
    }

    private static String get(ClusterClient<?> client, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(client.getWebInterfaceURL() + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
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
