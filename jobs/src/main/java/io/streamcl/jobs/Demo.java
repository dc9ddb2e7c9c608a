package io.streamcl.jobs;

import io.streamcl.cli.UsageErrors;
import io.streamcl.deploy.kafka.LocalKafka;
import io.streamcl.deploy.kafka.TopicRecords;
import io.streamcl.jobs.alert.AlertJob;
import io.streamcl.jobs.common.JobOptions;
import io.streamcl.jobs.common.StateBackendChoice;
import io.streamcl.jobs.common.Topics;
import io.streamcl.jobs.training.TrainingJob;
import io.streamcl.loadgen.ExampleStream;
import io.streamcl.loadgen.Scenario;
import io.streamcl.loadgen.StreamPlan;
import io.streamcl.loadgen.TaskData;
import io.streamcl.loadgen.images.FashionMnist;
import io.streamcl.loadgen.images.ImageTasks;
import io.streamcl.loadgen.kafka.ExampleProducer;
import io.streamcl.loadgen.progress.ProgressPrinter;
import io.streamcl.loadgen.progress.ThroughputReport;
import io.streamcl.loadgen.synthetic.GaussianClusters;
import io.streamcl.schemas.AggregateMetrics;
import io.streamcl.schemas.AlertState;
import io.streamcl.schemas.EvaluationEvent;
import io.streamcl.schemas.ForgettingAlert;
import io.streamcl.schemas.StabilityGap;
import io.streamcl.schemas.codec.EventCodec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Callable;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The README's demo on the embedded default: a real local Kafka broker, a multi-task stream from loadgen, the
 * training job on a Flink MiniCluster, evaluation events printed as they commit, then the alert job over those
 * events, and a summary of both at the end.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Runs StreamCL end to end on this machine: local Kafka broker + Flink MiniCluster.")
public final class Demo implements Callable<Integer> {
    private static final String KEY = "demo-learner";

    /** The scenarios the demo can run. */
    enum DemoScenario { PERMUTED, SPLIT, GAUSSIAN }

    @Option(names = "--scenario", paramLabel = "NAME", defaultValue = "permuted", description = "permuted (Fashion-MNIST, a new pixel permutation per task), split (Fashion-MNIST, class-incremental, 2 classes per task) or gaussian (synthetic clusters, no data needed); the names of loadgen's scenarios, in any case. Default: ${DEFAULT-VALUE}.")
    DemoScenario scenarioKind;

    @Option(names = "--tasks", defaultValue = "3", description = "Tasks in the stream (default: ${DEFAULT-VALUE}; SPLIT always has 5).")
    int tasks;

    @Option(names = "--examples-per-task", defaultValue = "5000", description = "Examples per task (default: ${DEFAULT-VALUE}).")
    long examplesPerTask;

    @Option(names = "--seed", defaultValue = "42", description = "Scenario seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--eval-every", defaultValue = "10", description = "Updates between continual evaluations (default: ${DEFAULT-VALUE}).")
    int evalEvery;

    @Option(names = "--grid", paramLabel = "FILE", description = "Train several learner configurations side by side on"
            + " the demo's stream (the training job's --grid file: one [name] line per configuration, then its"
            + " settings over the demo's); events and the summary are printed per configuration.")
    Path grid;

    @Option(names = "--state-backend", paramLabel = "hashmap|rocksdb", converter = StateBackendChoice.Converter.class,
            defaultValue = "hashmap", description = "The training job's keyed state backend (default: ${DEFAULT-VALUE}).")
    StateBackendChoice stateBackend;

    public static void main(String[] args) {
        System.exit(UsageErrors.install(new CommandLine(new Demo())).setCaseInsensitiveEnumValuesAllowed(true)
                .execute(args));
    }

    @Override
    public Integer call() throws Exception {
        EventCodec.trustGeneratedClasses();
        TaskData data = switch (scenarioKind) {
            case PERMUTED -> ImageTasks.permuted(FashionMnist.load(), tasks);
            case SPLIT -> ImageTasks.classIncremental(FashionMnist.load(), 2, ImageTasks.naturalClassOrder());
            case GAUSSIAN -> GaussianClusters.defaults().withTasks(tasks);
        };
        Scenario scenario = Scenario.of(data,
                StreamPlan.defaults().withSeed(seed).withExamplesPerTask(examplesPerTask).withEvalFraction(0.1));
        say("scenario: %s, %,d examples", scenario.describe(), scenario.length());

        long started = System.nanoTime();
        say("starting a local Kafka broker (KRaft, own JVM) ...");
        try (LocalKafka kafka = LocalKafka.builder().topics(Topics.ALL.toArray(String[]::new)).start()) {
            say("broker up at %s in %.1f s", kafka.bootstrapServers(), seconds(started));
            ThroughputReport produced;
            try (ExampleProducer producer = ExampleProducer.builder(kafka.bootstrapServers(), Topics.EXAMPLES)
                    .progress(ProgressPrinter.to(System.out).labelled("loadgen")).build();
                    ExampleStream stream = ExampleStream.of(KEY, scenario)) {
                produced = producer.send(stream);
            }
            say("produced %,d examples at %,.0f examples/s", produced.examples(), produced.examplesPerSecond());

            List<String> jobArgs = new ArrayList<>(List.of("--bootstrap-servers", kafka.bootstrapServers(),
                    "--from", "earliest", "--bounded", "--checkpoint-interval", "1s",
                    "--state-backend", stateBackend.flinkName(), "--set", "eval.every=" + evalEvery,
                    "--set", "eval.samples-per-task=300",
                    "--set", "model.inputs=" + data.featureCount(), "--set", "model.classes=" + data.classCount(),
                    "--set", "model.hidden=" + (scenarioKind == DemoScenario.GAUSSIAN ? "64" : "256,256"),
                    "--set", "optimizer=sgd(lr=" + (scenarioKind == DemoScenario.GAUSSIAN ? "0.05" : "0.01") + ")",
                    "--set", "learner.batch-size=16"));
            if (grid != null) {
                jobArgs.addAll(List.of("--grid", grid.toString()));
            }
            TrainingJob job = TrainingJob.parse(jobArgs.toArray(String[]::new));
            job.learnerGrid().configurations().forEach(c ->
                    say("training job: configuration %s, learner config %s", c.name(), c.config().learner().hash()));
            long trainingStarted = System.nanoTime();
            CompletableFuture<Void> training = CompletableFuture.runAsync(() -> {
                try {
                    job.run(StreamExecutionEnvironment.getExecutionEnvironment(JobOptions.flinkConfiguration()));
                } catch (Exception e) {
                    throw new IllegalStateException("training job failed", e);
                }
            });
            Map<String, Summary> summaries = follow(kafka.bootstrapServers(), training);
            double trainingSeconds = seconds(trainingStarted);

            long alertsStarted = System.nanoTime();
            AlertJob alertJob = AlertJob.parse("--bootstrap-servers", kafka.bootstrapServers(), "--from", "earliest",
                    "--bounded", "--checkpoint-interval", "1s");
            say("alert job: %s over every evaluation event", alertJob.alertConfig().forgetting().detector());
            alertJob.run(StreamExecutionEnvironment.getExecutionEnvironment(JobOptions.flinkConfiguration()));
            List<ForgettingAlert> alerts = TopicRecords.readAll(kafka.bootstrapServers(), Topics.ALERTS,
                    Duration.ofSeconds(2), EventCodec.of(ForgettingAlert.class)::decode);
            say("alert job done in %.1f s", seconds(alertsStarted));
            if (summaries.isEmpty()) {
                say("no evaluation events arrived: check the log above for errors");
            }
            summaries.forEach((name, summary) -> {
                if (summaries.size() > 1) {
                    say("==== configuration %s ====", name);
                }
                summary.print(produced.examples(), trainingSeconds, alerts.stream()
                        .filter(a -> summaries.size() == 1 || name.equals(a.getConfigName())).toList());
            });
        }
        say("done in %.1f s", seconds(started));
        return 0;
    }

    /**
     * Prints each committed evaluation event until the job has ended and the topic is drained; returns a summary
     * per configuration name.
     */
    private Map<String, Summary> follow(String bootstrap, CompletableFuture<Void> training) throws Exception {
        Properties props = new Properties();
        props.putAll(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "demo-follower", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"));
        EventCodec<EvaluationEvent> codec = EventCodec.of(EvaluationEvent.class);
        Map<String, Summary> summaries = new LinkedHashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.EVALUATIONS));
            int idlePolls = 0;
            while (!training.isDone() || idlePolls < 5) {
                var records = consumer.poll(Duration.ofMillis(400));
                idlePolls = records.isEmpty() ? idlePolls + 1 : 0;
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    EvaluationEvent event = codec.decode(record.value());
                    summaries.computeIfAbsent(event.getConfigName(), name -> new Summary()).add(event);
                    say("%sstep %5d | task %s | online acc %s | held-out acc per task: %s| avg-ACC %s min-ACC %s",
                            grid == null ? "" : event.getConfigName() + " | ", event.getModelStep(), event.getCurrentTask(), num(event.getOnlineAccuracy()),
                            perTask(event), num(event.getAggregate().getAvgAccuracy()),
                            num(event.getAggregate().getMinAccuracy()));
                }
            }
        }
        training.join();
        return summaries;
    }

    /** The newest event, whose metrics already summarise the run, and every stability gap seen. */
    private static final class Summary {
        /** Newest state of each (task, boundary) gap: events carry a gap while it is open and once when it closes. */
        private final Map<String, StabilityGap> gaps = new LinkedHashMap<>();
        private EvaluationEvent last;

        void add(EvaluationEvent event) {
            last = event;
            event.getStabilityGaps().forEach(g -> gaps.put(g.getTaskId() + "@" + g.getBoundaryStep(), g));
        }

        void print(long produced, double trainingSeconds, List<ForgettingAlert> alerts) {
            AggregateMetrics a = last.getAggregate();
            say("---- summary ----");
            say("%,d examples produced, %,d trained on, %d updates, in %.1f s (%,.0f examples/s through the job,"
                    + " start-up included)", produced, last.getExamplesSeen(), last.getModelStep(), trainingSeconds,
                    produced / trainingSeconds);
            say("held-out accuracy per task now: %s", perTask(last));
            say("avg-ACC %s | min-ACC %s | WC-ACC %s | WF10 %s | WP10 %s", num(a.getAvgAccuracy()),
                    num(a.getMinAccuracy()), num(a.getWorstCaseAccuracy()), num(a.getWindowedForgetting10()),
                    num(a.getWindowedPlasticity10()));
            for (StabilityGap gap : gaps.values()) {
                say("stability gap of task %d after the boundary at step %d: %.3f -> depth %s, minimum after %s"
                        + " steps, recovered after %s steps, area %s", gap.getTaskId(), gap.getBoundaryStep(),
                        gap.getPreBoundaryAccuracy(), num(gap.getDepth()), gap.getStepsToMinimum(),
                        gap.getStepsToRecover() == null ? "(not yet)" : gap.getStepsToRecover(), num(gap.getArea()));
            }
            if (alerts.isEmpty()) {
                say("no alerts: no drop passed the detector and the lifecycle's depth gate");
            }
            alerts.forEach(alert -> say("%s", describe(alert)));
        }
    }

    /** One line per alert event: what, where, when, and how deep. */
    private static String describe(ForgettingAlert alert) {
        String subject = (alert.getTaskId() == null ? "learner" : "task " + alert.getTaskId()) + " "
                + alert.getMetric();
        if (alert.getState() == AlertState.RESOLVED && alert.getRecoveryStep() == null) {
            return String.format(Locale.ROOT, "alert RESOLVED %s %s at step %d: %s", alert.getKind(), subject,
                    alert.getModelStep(), alert.getMessage());
        }
        if (alert.getState() == AlertState.RESOLVED) {
            return String.format(Locale.ROOT, "alert RESOLVED %s %s at step %d: recovered at step %d, %d steps after"
                    + " the onset at %d; worst depth %s", alert.getKind(), subject, alert.getModelStep(),
                    alert.getRecoveryStep(), alert.getDurationSteps(), alert.getOnsetStep(), num(alert.getWorstDepth()));
        }
        return String.format(Locale.ROOT, "alert OPENED   %s %s at step %d (%s): %s vs baseline %s since step %d,"
                + " depth %s", alert.getKind(), subject, alert.getModelStep(), alert.getSeverity(),
                num(alert.getCurrent()), num(alert.getBaseline()), alert.getOnsetStep(), num(alert.getDepth()));
    }

    private static String perTask(EvaluationEvent event) {
        StringBuilder text = new StringBuilder();
        event.getTasks().forEach(t -> text.append("t").append(t.getTaskId()).append(' ')
                .append(num(t.getAccuracy())).append(' '));
        return text.toString();
    }

    private static String num(Double value) {
        return value == null ? "  -  " : String.format(Locale.ROOT, "%.3f", value);
    }

    private static double seconds(long sinceNanos) {
        return (System.nanoTime() - sinceNanos) / 1e9;
    }

    private static void say(String format, Object... args) {
        System.out.println("[demo] " + String.format(Locale.ROOT, format, args));
    }
}
