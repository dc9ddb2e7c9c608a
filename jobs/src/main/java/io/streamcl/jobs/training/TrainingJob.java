package io.streamcl.jobs.training;

import io.streamcl.cli.DurationConverter;
import io.streamcl.core.learner.ContinualLearnerConfig;
import io.streamcl.flink.config.KeySettings;
import io.streamcl.flink.config.LearnerSettings;
import io.streamcl.flink.config.ServeSettings;
import io.streamcl.flink.config.Setting;
import io.streamcl.jobs.common.StreamJob;
import io.streamcl.jobs.common.Topics;
import io.streamcl.jobs.common.Uids;
import io.streamcl.schemas.EvaluationEvent;
import io.streamcl.schemas.Prediction;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
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

    /** The learner config from --config and --set, validated. */
    public ContinualLearnerConfig learnerConfig() throws IOException {
        return LearnerSettings.parse(settings());
    }

    @Override
    protected Object validatedSettings() throws IOException {
        ContinualLearnerConfig learner = learnerConfig();
        ServeSettings.requireWeights(ServeSettings.parse(settings()), learner);
        return learner;
    }

    @Override
    public JobExecutionResult run(StreamExecutionEnvironment env) throws Exception {
        ContinualLearnerConfig learner = learnerConfig();
        options.configure(env);
        TrainingWorkflow.define(
                env.fromSource(options.source(examplesTopic, groupId), WatermarkStrategy.noWatermarks(), "examples")
                        .uid(Uids.EXAMPLES_SOURCE),
                learner, KeySettings.parse(settings()), ServeSettings.parse(settings()), flushAfter,
                options.sink(EvaluationEvent.class, evaluationsTopic, EvaluationEvent::getKey, groupId, "evaluations"),
                options.sink(Prediction.class, predictionsTopic, Prediction::getKey, groupId, "predictions"),
                deadLetters(groupId));
        return env.execute("StreamCL training (" + learner.learner().hash() + ")");
    }
}
