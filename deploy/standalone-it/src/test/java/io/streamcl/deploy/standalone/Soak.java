package io.streamcl.deploy.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamcl.deploy.flink.JobStatus;
import io.streamcl.deploy.flink.JobSubmission;
import io.streamcl.deploy.flink.LocalFlink;
import io.streamcl.deploy.kafka.LocalKafka;
import io.streamcl.deploy.kafka.TopicRecords;
import io.streamcl.loadgen.LoadgenCli;
import io.streamcl.schemas.EvaluationEvent;
import io.streamcl.schemas.codec.EventCodec;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The training job as a long-running service under failures: a local standalone Flink cluster (three TaskManagers
 * of one slot, so that a killed one's job moves to another) and a local Kafka broker; a label-permuted Fashion-MNIST
 * stream over several keys is trained twice by the shaded job jar, once undisturbed and once while the TaskManager
 * running the job (asked of the REST API) is killed with SIGKILL (at a fifth and at half of the stream read)
 * and the broker is stopped and restarted on its data (between them). The two runs' committed evaluations
 * ({@code read_committed}) must be identical, with no duplicate or missing evaluation per key, and the disturbed run's
 * checkpoint size and TaskManager heap must stay flat once every held-out set and the replay buffer are full, judged
 * by the share of the stream committed. Prints a summary table; exits 1 when a check fails. {@code deploy/bin/soak}
 * runs it; {@code SoakIT} runs a short one.
 */
@Command(name = "soak", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Soak test of the training job on a local standalone Flink cluster and Kafka broker: two TaskManager"
                + " kills (SIGKILL) and a broker restart, then the committed evaluations compared with a clean run of the"
                + " same seed.")
public final class Soak implements Callable<Integer> {
    private static final String EXAMPLES = "examples";
    private static final Duration IDLE = Duration.ofSeconds(5);
    private static final int REPLAY_CAPACITY = 500;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Generous: a soak runs for a long time on machines that may be busy. */
    private static final Duration STARTUP = Duration.ofMinutes(3);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Option(names = "--job-jar", required = true, paramLabel = "JAR", description = "The shaded job jar (jobs/target/streamcl-jobs-<version>-job.jar).")
    Path jobJar;

    @Option(names = "--keys", defaultValue = "10", description = "Learner keys, each its own stream (default: ${DEFAULT-VALUE}).")
    int keys;

    @Option(names = "--tasks", defaultValue = "100", description = "Tasks per key (default: ${DEFAULT-VALUE}).")
    int tasks;

    @Option(names = "--examples-per-task", defaultValue = "2000", description = "Examples per task and key (default: ${DEFAULT-VALUE}: 2 million examples with the other defaults).")
    int examplesPerTask;

    @Option(names = "--scenario", defaultValue = "label-permuted", description = "label-permuted or permuted Fashion-MNIST (default: ${DEFAULT-VALUE}).")
    String scenario;

    @Option(names = "--seed", defaultValue = "7", description = "Scenario seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--max-tasks", defaultValue = "10", description = "eval.max-tasks: held-out sets kept; state is flat once this many tasks were seen (default: ${DEFAULT-VALUE}).")
    int maxTasks;

    @Option(names = "--state-backend", defaultValue = "hashmap", description = "hashmap or rocksdb (default: ${DEFAULT-VALUE}).")
    String stateBackend;

    @Option(names = "--checkpoint-interval", defaultValue = "5s", description = "The job's checkpoint interval (default: ${DEFAULT-VALUE}).")
    String checkpointInterval;

    @Option(names = "--broker-down", defaultValue = "20", description = "Seconds the broker stays down (default: ${DEFAULT-VALUE}).")
    int brokerDownSeconds;

    /** What a soak measured; {@link #passed()} when every check held. */
    public record Result(long examples, Duration cleanRun, Duration disturbedRun, int taskManagerKills,
            long restarts, int cleanEvents, int disturbedEvents, List<String> differences, long checkpointFirst,
            long checkpointLast, long heapFloorFirst, long heapFloorLast) {
        public boolean checkpointsFlat() {
            return checkpointFirst > 0 && checkpointLast <= checkpointFirst * 1.25;
        }

        public boolean heapFlat() {
            return heapFloorFirst > 0 && heapFloorLast <= heapFloorFirst * 1.5;
        }

        public boolean passed() {
            return differences.isEmpty() && cleanEvents > 0 && taskManagerKills == 2 && restarts >= 1
                    && checkpointsFlat() && heapFlat();
        }

        /** The summary table, Markdown. */
        public String table() {
            return String.join("\n",
                    "| check | value |", "|---|---|",
                    row("examples", String.format(Locale.ROOT, "%,d", examples)),
                    row("clean run", seconds(cleanRun)),
                    row("disturbed run (2 TaskManager kills, 1 broker restart)", seconds(disturbedRun)),
                    row("TaskManagers killed (SIGKILL) / job restarts", taskManagerKills + " / " + restarts),
                    row("evaluations clean / disturbed", cleanEvents + " / " + disturbedEvents),
                    row("identical events, no duplicate or missing step", differences.isEmpty() ? "yes"
                            : "NO: " + String.join("; ", differences.subList(0, Math.min(5, differences.size())))),
                    row("checkpoint size once held-out sets are full, first / last",
                            String.format(Locale.ROOT, "%,d / %,d B (%s)", checkpointFirst, checkpointLast,
                                    checkpointsFlat() ? "flat" : "GROWING")),
                    row("TaskManager heap floor, first / last window",
                            String.format(Locale.ROOT, "%,d / %,d MB (%s)", heapFloorFirst >> 20, heapFloorLast >> 20,
                                    heapFlat() ? "flat" : "GROWING")),
                    row("result", passed() ? "PASS" : "FAIL"));
        }

        private static String row(String check, String value) {
            return "| " + check + " | " + value + " |";
        }

        private static String seconds(Duration d) {
            return String.format(Locale.ROOT, "%.0f s", d.toMillis() / 1e3);
        }
    }

    /** One sample of the disturbed run: share of the stream read, last completed checkpoint's size, largest heap. */
    private record Sample(double progress, long checkpointBytes, long heapBytes) {}

    public static void main(String[] args) {
        System.exit(new CommandLine(new Soak()).execute(args));
    }

    /** A soak configured from command-line arguments, for tests. */
    public static Soak parse(String... args) {
        Soak soak = new Soak();
        new CommandLine(soak).parseArgs(args);
        return soak;
    }

    @Override
    public Integer call() throws Exception {
        Result result = run();
        System.out.println(result.table());
        return result.passed() ? 0 : 1;
    }

    /** Runs the soak and returns what it measured. */
    public Result run() throws Exception {
        Path data = Files.createTempDirectory("streamcl-soak-");
        Path brokerDir = data.resolve("kafka");
        LocalKafka kafka = broker(brokerDir, 0);
        int port = kafka.port();
        try (LocalFlink flink = LocalFlink.builder().dataDir(data.resolve("flink")).taskManagers(3).slots(1)
                // metrics fetched every second (default 10 s), so the soak sees the job's progress in time
                .taskManagerMemory("2g").setting("metrics.fetcher.update-interval", "1 s").startupTimeout(STARTUP)
                .start()) {
            for (String topic : List.of(EXAMPLES, "evaluations-clean", "evaluations-disturbed", "predictions",
                    "dead-letters")) {
                kafka.createTopic(topic, 1);
            }
            long examples = produce(kafka.bootstrapServers());
            say("produced %,d examples; clean run ...", examples);
            long started = System.nanoTime();
            String clean = flink.rest().submit(JobSubmission.of(jobJar, jobArgs(kafka.bootstrapServers(), "clean")));
            awaitWithProgress(flink, clean, examples);
            requireFinished(flink.rest().status(clean));
            Duration cleanRun = Duration.ofNanos(System.nanoTime() - started);
            say("clean run finished in %.0f s; disturbed run ...", cleanRun.toMillis() / 1e3);

            started = System.nanoTime();
            String disturbed = flink.rest().submit(JobSubmission.of(jobJar,
                    jobArgs(kafka.bootstrapServers(), "disturbed")));
            List<Sample> samples = new ArrayList<>();
            int kills = 0;
            boolean brokerRestarted = false;
            int polls = 0;
            while (!flink.rest().status(disturbed).isTerminal()) {
                double fraction = progress(flink.restAddress(), disturbed) / (double) examples;
                if (kills == 0 && fraction >= 0.2 || kills == 1 && brokerRestarted && fraction >= 0.5) {
                    kills += killJobTaskManager(flink, disturbed) ? 1 : 0;
                } else if (kills == 1 && !brokerRestarted && fraction >= 0.45) {
                    say("stopping the broker for %d s", brokerDownSeconds);
                    kafka.close();
                    Thread.sleep(brokerDownSeconds * 1000L);
                    kafka = broker(brokerDir, port);
                    brokerRestarted = true;
                    say("broker back");
                }
                if (fraction >= 0) {
                    sample(flink.restAddress(), disturbed, fraction).ifPresent(samples::add);
                }
                if (++polls % 30 == 0 && fraction >= 0) {
                    say("%.0f %% of the stream read", 100 * fraction);
                }
                Thread.sleep(1_000);
            }
            requireFinished(flink.rest().status(disturbed));
            Duration disturbedRun = Duration.ofNanos(System.nanoTime() - started);

            Map<String, List<EvaluationEvent>> expected = byKey(kafka.bootstrapServers(), "evaluations-clean");
            Map<String, List<EvaluationEvent>> actual = byKey(kafka.bootstrapServers(), "evaluations-disturbed");
            // held-out sets and the replay buffer are full a task after the later of the two fills
            double fullFrom = Math.max(0.3, (Math.max(maxTasks, Math.ceil(REPLAY_CAPACITY / (double) examplesPerTask))
                    + 1) / tasks);
            List<Sample> full = samples.stream().filter(s -> s.progress() >= fullFrom && s.checkpointBytes() > 0)
                    .sorted(Comparator.comparingDouble(Sample::progress)).toList();
            int quarter = Math.max(1, full.size() / 4);
            List<Sample> first = full.subList(0, Math.min(quarter, full.size()));
            List<Sample> last = full.subList(Math.max(0, full.size() - quarter), full.size());
            return new Result(examples, cleanRun, disturbedRun, kills, restarts(flink.restAddress(), disturbed),
                    count(expected), count(actual), differences(expected, actual),
                    first.stream().mapToLong(Sample::checkpointBytes).max().orElse(0),
                    last.stream().mapToLong(Sample::checkpointBytes).max().orElse(0),
                    first.stream().mapToLong(Sample::heapBytes).filter(h -> h > 0).min().orElse(0),
                    last.stream().mapToLong(Sample::heapBytes).filter(h -> h > 0).min().orElse(0));
        } finally {
            kafka.close();
            deleteQuietly(data);
        }
    }

    /** The broker on {@code dir} (its data kept across restarts), on {@code port} (0: a free one). */
    private static LocalKafka broker(Path dir, int port) {
        return LocalKafka.builder().dataDir(dir).port(port).heap("768m").startupTimeout(STARTUP).start();
    }

    private long produce(String servers) {
        int status = LoadgenCli.run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), "produce",
                "-b", servers, "-t", EXAMPLES, "--quiet", "--scenario", scenario, "--tasks", Integer.toString(tasks),
                "--examples-per-task", Integer.toString(examplesPerTask), "--key-count", Integer.toString(keys),
                "--key-mode", "independent", "--seed", Long.toString(seed));
        if (status != 0) {
            throw new IllegalStateException("loadgen failed with status " + status);
        }
        return (long) keys * tasks * examplesPerTask;
    }

    /** The job's arguments: a small model, evaluation every 50 updates, full batches only (flush after 1 h). */
    private List<String> jobArgs(String servers, String run) {
        return List.of("--bootstrap-servers", servers, "--from", "earliest", "--bounded", "--group-id", "soak-" + run,
                "--evaluations-topic", "evaluations-" + run, "--checkpoint-interval", checkpointInterval,
                "--state-backend", stateBackend, "--restart-attempts", "20", "--restart-delay", "2s",
                "--flush-after", "1h", "--set", "model.hidden=64", "--set", "learner.batch-size=32",
                "--set", "optimizer=sgd(lr=0.01)", "--set", "replay=reservoir(capacity=" + REPLAY_CAPACITY + ")",
                "--set", "eval.every=50", "--set", "eval.samples-per-task=50",
                "--set", "eval.max-tasks=" + maxTasks, "--set", "eval.plasticity-every=0");
    }

    /** Waits for the job to end, saying every 30 s how much of the stream it has read. */
    private static void awaitWithProgress(LocalFlink flink, String job, long examples) throws InterruptedException {
        long started = System.nanoTime();
        long lastSaid = started;
        while (!flink.rest().status(job).isTerminal()) {
            if (System.nanoTime() - lastSaid > 30e9) {
                lastSaid = System.nanoTime();
                long read = progress(flink.restAddress(), job);
                say("%.0f s: %s of %,d examples read", (lastSaid - started) / 1e9,
                        read < 0 ? "(restarting)" : String.format(Locale.ROOT, "%,d", read), examples);
            }
            Thread.sleep(1_000);
        }
    }

    /** Kills (SIGKILL) the TaskManager running the job; {@code false} while no TaskManager runs it (restarting). */
    private static boolean killJobTaskManager(LocalFlink flink, String job) {
        Set<String> running;
        try {
            running = flink.rest().taskManagersRunning(job);
        } catch (RuntimeException e) {
            say("no TaskManager to kill yet: %s", e.getMessage());
            return false; // the REST API is busy or the job is between attempts: try again at the next poll
        }
        if (running.isEmpty()) {
            say("no TaskManager runs the job yet");
        }
        Optional<ProcessHandle> victim = running.stream().map(flink.taskManagerPids()::get).filter(Objects::nonNull)
                .map(ProcessHandle::of).flatMap(Optional::stream).filter(ProcessHandle::isAlive).findFirst();
        victim.ifPresent(p -> {
            say("kill -9 TaskManager pid %d (runs the job)", p.pid());
            p.destroyForcibly();
        });
        return victim.isPresent();
    }

    /**
     * The Kafka source's position in the examples topic ({@code currentOffset}, restored from the checkpoint after a
     * restart, so it is the job's progress); -1 while the job is between attempts.
     */
    private static long progress(URI rest, String job) {
        try {
            for (JsonNode vertex : JSON.readTree(get(rest, "/jobs/" + job)).path("vertices")) {
                String metrics = "/jobs/" + job + "/vertices/" + vertex.path("id").asText() + "/metrics";
                for (JsonNode metric : JSON.readTree(get(rest, metrics))) {
                    String id = metric.path("id").asText();
                    if (id.endsWith(".KafkaSourceReader.topic." + EXAMPLES + ".partition.0.currentOffset")) {
                        JsonNode value = JSON.readTree(get(rest, metrics + "?get="
                                + URLEncoder.encode(id, StandardCharsets.UTF_8))).path(0).path("value");
                        return value.isMissingNode() ? -1 : Long.parseLong(value.asText());
                    }
                }
            }
        } catch (Exception e) {
            // the cluster is between a kill and the restart
        }
        return -1;
    }

    private static Optional<Sample> sample(URI rest, String job, double progress) {
        try {
            String checkpoints = get(rest, "/jobs/" + job + "/checkpoints");
            long size = number(Pattern.compile("\"latest\"\\s*:\\s*\\{\\s*\"completed\"\\s*:\\s*\\{[^{}]*?"
                    + "\"state_size\"\\s*:\\s*(\\d+)"), checkpoints);
            // the largest TaskManager heap: the busy TaskManager's (the idle ones hold no learners)
            Matcher heap = Pattern.compile("\"max\"\\s*:\\s*([0-9.Ee+]+)").matcher(
                    get(rest, "/taskmanagers/metrics?get=Status.JVM.Memory.Heap.Used&agg=max"));
            long heapBytes = heap.find() ? (long) Double.parseDouble(heap.group(1)) : 0;
            return Optional.of(new Sample(progress, size, heapBytes));
        } catch (Exception e) {
            return Optional.empty(); // the cluster is between a kill and the restart
        }
    }

    /** The job's failures that Flink recovered from: its exception history (kept after the job ends, unlike metrics). */
    private static long restarts(URI rest, String job) throws Exception {
        return JSON.readTree(get(rest, "/jobs/" + job + "/exceptions")).path("exceptionHistory")
                .path("entries").size();
    }

    private static Map<String, List<EvaluationEvent>> byKey(String servers, String topic) throws Exception {
        return TopicRecords.readAll(servers, topic, IDLE, EventCodec.of(EvaluationEvent.class)::decode).stream()
                .collect(Collectors.groupingBy(e -> e.getKey(), LinkedHashMap::new, Collectors.toList()));
    }

    /** Where {@code actual} differs from {@code expected}, per key: duplicates, gaps, or different events. */
    static List<String> differences(Map<String, List<EvaluationEvent>> expected,
            Map<String, List<EvaluationEvent>> actual) {
        List<String> differences = new ArrayList<>();
        if (!expected.keySet().equals(actual.keySet())) {
            differences.add("keys " + actual.keySet() + " instead of " + expected.keySet());
        }
        for (Map.Entry<String, List<EvaluationEvent>> key : actual.entrySet()) {
            List<Long> seqs = key.getValue().stream().map(EvaluationEvent::getEvaluationSeq).toList();
            if (!seqs.equals(LongStream.rangeClosed(1, seqs.size()).boxed().toList())) {
                differences.add(key.getKey() + ": evaluation steps not 1.." + seqs.size() + " (duplicate or missing)");
            }
            List<EvaluationEvent> clean = expected.getOrDefault(key.getKey(), List.of());
            if (!key.getValue().equals(clean)) {
                differences.add(key.getKey() + ": " + key.getValue().size() + " events differ from the clean run's "
                        + clean.size());
            }
        }
        return differences;
    }

    private static int count(Map<String, List<EvaluationEvent>> events) {
        return events.values().stream().mapToInt(List::size).sum();
    }

    private static void requireFinished(JobStatus status) {
        if (!status.isFinished()) {
            throw new IllegalStateException("the job ended " + status.state() + ": " + status.failure().orElse("?"));
        }
    }

    private static long number(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    private static String get(URI rest, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(rest.resolve(path)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static void say(String format, Object... args) {
        System.out.printf("[soak] " + format + "%n", args);
    }

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (Exception e) {
            System.err.println("[soak] could not delete " + dir + ": " + e.getMessage());
        }
    }
}
