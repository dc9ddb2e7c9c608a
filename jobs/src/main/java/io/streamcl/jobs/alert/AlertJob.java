package io.streamcl.jobs.alert;

import io.streamcl.flink.alert.AlertConfig;
import io.streamcl.flink.config.AlertSettings;
import io.streamcl.flink.config.Setting;
import io.streamcl.jobs.common.StreamJob;
import io.streamcl.jobs.common.Topics;
import io.streamcl.jobs.common.Uids;
import io.streamcl.schemas.ForgettingAlert;
import java.io.IOException;
import java.util.List;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Entry point of the alert job: wires Kafka into {@link AlertWorkflow} and runs it. */
@Command(name = "alert-job", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Watches the evaluation events of every learner key and writes forgetting, plasticity-loss and"
                + " divergence alerts (opened, then resolved) to the alerts topic.")
public final class AlertJob extends StreamJob {

    @Option(names = "--evaluations-topic", defaultValue = Topics.EVALUATIONS, description = "Input topic of EvaluationEvent (default: ${DEFAULT-VALUE}).")
    String evaluationsTopic;

    @Option(names = "--alerts-topic", defaultValue = Topics.ALERTS, description = "Output topic for ForgettingAlert (default: ${DEFAULT-VALUE}).")
    String alertsTopic;

    @Option(names = "--group-id", defaultValue = "streamcl-alerts", description = "Consumer group (default: ${DEFAULT-VALUE}); also names the sinks' transactional ids.")
    String groupId;

    public static void main(String[] args) throws Exception {
        main(new AlertJob(), args);
    }

    /** A job configured from command-line arguments; throws picocli's ParameterException on bad ones. */
    public static AlertJob parse(String... args) {
        return parse(new AlertJob(), args);
    }

    @Override
    protected List<Setting<?>> settingDefinitions() {
        return AlertSettings.DEFINITIONS;
    }

    /** The alert config from --config and --set, validated. */
    public AlertConfig alertConfig() throws IOException {
        return AlertSettings.parse(settings());
    }

    @Override
    protected Object validatedSettings() throws IOException {
        return alertConfig();
    }

    @Override
    public JobExecutionResult run(StreamExecutionEnvironment env) throws Exception {
        AlertConfig config = alertConfig();
        options.configure(env);
        AlertWorkflow.define(
                env.fromSource(options.source(evaluationsTopic, groupId), WatermarkStrategy.noWatermarks(),
                        "evaluations").uid(Uids.EVALUATIONS_SOURCE),
                config, AlertSettings.stateTtl(settings()),
                options.sink(ForgettingAlert.class, alertsTopic, ForgettingAlert::getKey, groupId, "alerts"),
                deadLetters(groupId));
        return env.execute("StreamCL alerts (" + config.forgetting().detector().canonical() + ")");
    }
}
