package io.streamcl.jobs.training;

import io.streamcl.cli.DurationConverter;
import io.streamcl.core.serving.ServingConfig;
import io.streamcl.flink.config.KeyRoutes;
import io.streamcl.flink.config.KeySettings;
import io.streamcl.flink.config.LearnerGrid;
import io.streamcl.flink.config.LearnerSettings;
import io.streamcl.flink.config.ServeSettings;
import io.streamcl.flink.config.Setting;
import io.streamcl.jobs.common.StreamJob;
import io.streamcl.jobs.common.Topics;
import io.streamcl.jobs.common.Uids;
import io.streamcl.schemas.EvaluationEvent;
import io.streamcl.schemas.Prediction;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Entry point of the training job: wires Kafka into {@link TrainingWorkflow} and runs it. */
@Command(name = "training-job", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Trains one model per learner key on the examples topic and writes evaluation events.")
public final class TrainingJob extends StreamJob {

    @Option(names = "--examples-topic", defaultValue = Topics.EXAMPLES, description = "Input topic (default: ${DEFAULT-VALUE}).")
    String examplesTopic;

    @Option(names = "--evaluations-topic", defaultValue = Topics.EVALUATIONS, description = "Output topic for EvaluationEvent (default: ${DEFAULT-VALUE}).")
    String evaluationsTopic;

    @Option(names = "--predictions-topic", defaultValue = Topics.PREDICTIONS, description = "Output topic for Prediction (default: ${DEFAULT-VALUE}).")
    String predictionsTopic;

    @Option(names = "--group-id", defaultValue = "streamcl-training", description = "Consumer group (default: ${DEFAULT-VALUE}); also names the sinks' transactional ids.")
    String groupId;

    @Option(names = "--grid", paramLabel = "FILE", description = "Several learner configurations side by side on the"
            + " same stream, each with its own state and events: an INI-like file, one [name] line per configuration"
            + " followed by its settings key=value (lines before the first [name] apply to all; --config and -s to"
            + " all beneath the file). Without it the job runs one configuration, named '" + LearnerGrid.DEFAULT_NAME + "'.")
    Path gridFile;

    @Option(names = "--config-for", paramLabel = "KEY_REGEX=NAME", description = "Train keys matching KEY_REGEX (the"
            + " whole key) with configuration NAME only; repeat, the first matching rule wins, and records of a key no"
            + " rule matches are dead-lettered. Without it every key trains every configuration.")
    List<String> configFor = new ArrayList<>();

    @Option(names = "--flush-after", paramLabel = "TIME", defaultValue = "10s", converter = DurationConverter.class, description = "Train a partial mini-batch after this long without new examples (default: ${DEFAULT-VALUE}).")
    Duration flushAfter;

    public static void main(String[] args) throws Exception {
        main(new TrainingJob(), args);
    }

    /** A job configured from command-line arguments; throws picocli's ParameterException on bad ones. */
    public static TrainingJob parse(String... args) {
        return parse(new TrainingJob(), args);
    }

    @Override
    protected List<Setting<?>> settingDefinitions() {
        return Stream.of(LearnerSettings.DEFINITIONS, KeySettings.DEFINITIONS, ServeSettings.DEFINITIONS)
                .flatMap(List::stream).toList();
    }

    /** The learner configurations from --grid over --config and --set (or their one configuration), validated. */
    public LearnerGrid learnerGrid() throws IOException {
        Map<String, String> settings = settings();
        if (gridFile == null) {
            return LearnerGrid.single(LearnerSettings.parse(settings));
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(gridFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("--grid " + gridFile + " cannot be read: " + e);
        }
        Map<String, String> learnerSettings = new LinkedHashMap<>(settings);
        learnerSettings.keySet().retainAll(LearnerSettings.keys());
        return LearnerGrid.parse(lines, "--grid " + gridFile, learnerSettings);
    }

    /** The --config-for rules against the grid's configurations, or null when every key trains every one. */
    public KeyRoutes keyRoutes(LearnerGrid grid) {
        return configFor.isEmpty() ? null : KeyRoutes.parse(configFor, grid, "--config-for");
    }

    @Override
    protected Object validatedSettings() throws IOException {
        LearnerGrid grid = learnerGrid();
        keyRoutes(grid);
        KeySettings.parse(settings());
        ServingConfig serving = ServeSettings.parse(settings());
        grid.configurations().forEach(c -> ServeSettings.requireWeights(serving, c.config()));
        return grid;
    }

    @Override
    public JobExecutionResult run(StreamExecutionEnvironment env) throws Exception {
        LearnerGrid grid = learnerGrid();
        KeyRoutes routes = keyRoutes(grid);
        options.configure(env);
        TrainingWorkflow.define(
                env.fromSource(options.source(examplesTopic, groupId), WatermarkStrategy.noWatermarks(), "examples")
                        .uid(Uids.EXAMPLES_SOURCE),
                grid, routes, KeySettings.parse(settings()), ServeSettings.parse(settings()),
                LearnerSettings.evaluatesAsync(settings()), flushAfter,
                options.sink(EvaluationEvent.class, evaluationsTopic, EvaluationEvent::getKey, groupId, "evaluations"),
                options.sink(Prediction.class, predictionsTopic, Prediction::getKey, groupId, "predictions"),
                deadLetters(groupId));
        return env.execute("StreamCL training (" + grid.configurations().stream()
                .map(c -> grid.configurations().size() == 1 ? c.config().learner().hash()
                        : c.name() + " " + c.config().learner().hash())
                .collect(Collectors.joining(", ")) + ")");
    }
}
