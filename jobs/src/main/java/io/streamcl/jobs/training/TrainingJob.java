package io.streamcl.jobs.training;

import io.streamcl.core.learner.ContinualLearnerConfig;
import io.streamcl.flink.config.LearnerSettings;
import io.streamcl.jobs.common.KafkaIo;
import io.streamcl.jobs.common.Topics;
import io.streamcl.jobs.common.Uids;
import io.streamcl.schemas.DeadLetter;
import io.streamcl.schemas.EvaluationEvent;
import io.streamcl.schemas.Prediction;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Entry point of the training job: wires Kafka into {@link TrainingWorkflow} and runs it. */
@Command(name = "training-job", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Trains one model per learner key on the examples topic and writes evaluation events.")
public final class TrainingJob implements Callable<Integer> {

    @Option(names = "--bootstrap-servers", defaultValue = "localhost:9092", description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}).")
    String bootstrap;

    @Option(names = "--examples-topic", defaultValue = Topics.EXAMPLES, description = "Input topic (default: ${DEFAULT-VALUE}).")
    String examplesTopic;

    @Option(names = "--evaluations-topic", defaultValue = Topics.EVALUATIONS, description = "Output topic for EvaluationEvent (default: ${DEFAULT-VALUE}).")
    String evaluationsTopic;

    @Option(names = "--dead-letters-topic", defaultValue = Topics.DEAD_LETTERS, description = "Output topic for rejected input (default: ${DEFAULT-VALUE}).")
    String deadLettersTopic;

    @Option(names = "--group-id", defaultValue = "streamcl-training", description = "Consumer group (default: ${DEFAULT-VALUE}).")
    String groupId;

    @Option(names = "--from", defaultValue = "committed", description = "Where to start reading: earliest, latest, or committed (the group's offsets, else earliest). Default: ${DEFAULT-VALUE}.")
    String from;

    @Option(names = "--bounded", description = "Stop after the offsets that were latest at start (demo, tests, benchmarks).")
    boolean bounded;

    @Option(names = "--predictions-topic", defaultValue = Topics.PREDICTIONS, description = "Output topic for Prediction (default: ${DEFAULT-VALUE}).")
    String predictionsTopic;

    @Option(names = "--flush-after", defaultValue = "PT10S", description = "Train a partial mini-batch after this long without new examples, ISO-8601 (default: ${DEFAULT-VALUE}).")
    Duration flushAfter;

    @Option(names = "--checkpoint-interval", defaultValue = "PT10S", description = "Checkpoint interval, ISO-8601 (default: ${DEFAULT-VALUE}); exactly-once output is visible after each checkpoint.")
    Duration checkpointInterval;

    @Option(names = "--parallelism", defaultValue = "1", description = "Job parallelism (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(names = "--config", description = "A properties file of learner settings (keys below).")
    Path configFile;

    @Option(names = {"-s", "--set"}, description = "Learner setting key=value, overrides --config. Keys: model.inputs, model.classes, model.hidden, model.activation, model.layer-norm, model.loss, model.init, model.seed, optimizer (e.g. adam(lr=0.001)+cbp(rho=1e-4)), learner.batch-size, eval.every, eval.samples-per-task, eval.slice, eval.holdout-fraction, eval.lca-beta, eval.recovery-epsilon, eval.max-tasks.")
    Map<String, String> overrides = new LinkedHashMap<>();

    /**
     * Parses the arguments and runs the job. Never calls {@code System.exit}: on a cluster this method runs inside the
     * JobManager (REST submission, application mode), whose JVM that would end; bad arguments and failures are thrown
     * instead, and Flink reports them to whoever submitted the job.
     */
    public static void main(String[] args) throws Exception {
        TrainingJob job = new TrainingJob();
        if (!CommandLine.printHelpIfRequested(new CommandLine(job).parseArgs(args))) {
            job.call();
        }
    }

    /** A job configured from command-line arguments; throws picocli's ParameterException on bad ones. */
    public static TrainingJob parse(String... args) {
        TrainingJob job = new TrainingJob();
        new CommandLine(job).parseArgs(args);
        return job;
    }

    @Override
    public Integer call() throws Exception {
        JobExecutionResult result = run(StreamExecutionEnvironment.getExecutionEnvironment(flinkConfiguration()));
        // A detached submission (REST API, `flink run -d`, application mode) returns before the job ends.
        System.out.println(result.isJobExecutionResult()
                ? "training job finished after " + result.getNetRuntime() + " ms"
                : "training job submitted as " + result.getJobID());
        return 0;
    }

    /** The learner config from --config and --set, validated. */
    public ContinualLearnerConfig learnerConfig() throws IOException {
        return LearnerSettings.parse(settings());
    }

    /** Builds the Kafka-wired topology on {@code env} and executes it; returns when a bounded job ends. */
    public JobExecutionResult run(StreamExecutionEnvironment env) throws Exception {
        ContinualLearnerConfig learner = learnerConfig();
        env.setParallelism(parallelism);
        env.enableCheckpointing(checkpointInterval.toMillis());
        var source = KafkaIo.rawSource(bootstrap, examplesTopic, groupId, startingOffsets(), bounded);
        TrainingWorkflow.define(
                env.fromSource(source, WatermarkStrategy.noWatermarks(), "examples").uid(Uids.EXAMPLES_SOURCE),
                learner, flushAfter,
                KafkaIo.exactlyOnceSink(bootstrap, EvaluationEvent.class, evaluationsTopic, EvaluationEvent::getKey,
                        "streamcl-" + groupId + "-evaluations"),
                KafkaIo.exactlyOnceSink(bootstrap, Prediction.class, predictionsTopic, Prediction::getKey,
                        "streamcl-" + groupId + "-predictions"),
                KafkaIo.exactlyOnceSink(bootstrap, DeadLetter.class, deadLettersTopic, DeadLetter::getSourceTopic,
                        "streamcl-" + groupId + "-dead-letters"));
        return env.execute("StreamCL training (" + learner.learner().hash() + ")");
    }

    /** Flink settings every StreamCL job runs with: no silent fallback to Kryo. */
    public static Configuration flinkConfiguration() {
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        return conf;
    }

    private Map<String, String> settings() throws IOException {
        Map<String, String> settings = new LinkedHashMap<>();
        if (configFile != null) {
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(configFile)) {
                properties.load(reader);
            }
            properties.stringPropertyNames().forEach(k -> settings.put(k, properties.getProperty(k)));
        }
        settings.putAll(overrides);
        for (String key : settings.keySet()) {
            if (!LearnerSettings.keys().contains(key)) {
                throw new CommandLine.ParameterException(new CommandLine(this),
                        "unknown learner setting '" + key + "'; known: " + LearnerSettings.keys());
            }
        }
        return settings;
    }

    private OffsetsInitializer startingOffsets() {
        return switch (from) {
            case "earliest" -> OffsetsInitializer.earliest();
            case "latest" -> OffsetsInitializer.latest();
            case "committed" -> OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST);
            default -> throw new CommandLine.ParameterException(new CommandLine(this),
                    "--from must be earliest, latest or committed, got '" + from + "'");
        };
    }
}
