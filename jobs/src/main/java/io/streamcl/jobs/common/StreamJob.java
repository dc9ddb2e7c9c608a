package io.streamcl.jobs.common;

import io.streamcl.cli.UsageErrors;
import io.streamcl.flink.config.Setting;
import io.streamcl.schemas.DeadLetter;
import java.io.IOException;
import java.util.Map;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Base of StreamCL's Kafka-wired Flink jobs: the shared options and settings, the command line (whose help ends
 * with the settings keys), and the run from {@code main}. Subclasses add their topics and build their topology.
 */
public abstract class StreamJob implements Callable<Integer> {
    @Mixin
    protected JobOptions options;

    @Mixin
    protected SettingsOptions settings;

    @Option(names = "--dead-letters-topic", defaultValue = Topics.DEAD_LETTERS, description = "Output topic for input records that do not decode or break a rule (default: ${DEFAULT-VALUE}).")
    String deadLettersTopic;

    /** This job's settings vocabulary. */
    protected abstract List<Setting<?>> settingDefinitions();

    /** Builds the Kafka-wired topology on {@code env} and executes it; returns when a bounded job ends. */
    public abstract JobExecutionResult run(StreamExecutionEnvironment env) throws Exception;

    /**
     * Parses the arguments into {@code job} and runs it. Launched as the JVM's main class (the {@code bin/streamcl}
     * commands), a usage error prints one message, suggestions and the usage and exits with code 2, and a start-up
     * failure prints its one line and exits with 1. Otherwise this runs inside a Flink client or the JobManager
     * (REST submission, application mode), whose JVM {@code System.exit} would end: errors are thrown instead, and
     * Flink reports them to whoever submitted the job.
     */
    protected static void main(StreamJob job, String[] args) throws Exception {
        if (launchedDirectly(job)) {
            System.exit(UsageErrors.install(commandLine(job)).setExecutionExceptionHandler(StreamJob::startupFailure)
                    .execute(args));
        }
        if (!CommandLine.printHelpIfRequested(commandLine(job).parseArgs(args))) {
            job.call();
        }
    }

    /** {@code job} configured from command-line arguments; throws picocli's ParameterException on bad ones. */
    protected static <J extends StreamJob> J parse(J job, String... args) {
        commandLine(job).parseArgs(args);
        return job;
    }

    /** Parses and validates this job's settings; a bad key or value throws IllegalArgumentException naming it. */
    protected abstract Object validatedSettings() throws IOException;

    @Override
    public Integer call() throws Exception {
        try {
            validatedSettings();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(commandLine(this), e.getMessage(), e);
        }
        JobExecutionResult result = run(StreamExecutionEnvironment.getExecutionEnvironment(JobOptions.flinkConfiguration()));
        String name = commandLine(this).getCommandName();
        // A detached submission (REST API, `flink run -d`, application mode) returns before the job ends.
        System.out.println(result.isJobExecutionResult()
                ? name + " finished after " + result.getNetRuntime() + " ms"
                : name + " submitted as " + result.getJobID());
        return 0;
    }

    /** The exactly-once sink of this job's dead letters; transactional ids start with {@code groupId}. */
    protected KafkaSink<DeadLetter> deadLetters(String groupId) {
        return options.sink(DeadLetter.class, deadLettersTopic, DeadLetter::getSourceTopic, groupId, "dead-letters");
    }

    /** The settings from --config and -s; an unknown key is a parameter error. */
    protected Map<String, String> settings() throws IOException {
        return settings.read(settingDefinitions());
    }

    private static boolean launchedDirectly(StreamJob job) {
        String command = System.getProperty("sun.java.command", "");
        return command.equals(job.getClass().getName()) || command.startsWith(job.getClass().getName() + " ");
    }

    private static int startupFailure(Exception e, CommandLine commandLine, CommandLine.ParseResult parsed)
            throws Exception {
        if (e instanceof CommandLine.ParameterException usage) { // a setting found bad once parsed
            return commandLine.getParameterExceptionHandler().handleParseException(usage,
                    parsed.originalArgs().toArray(String[]::new));
        }
        if (e instanceof JobStartupException) {
            commandLine.getErr().println(commandLine.getCommandName() + ": " + e.getMessage());
            return 1;
        }
        throw e;
    }

    private static CommandLine commandLine(StreamJob job) {
        CommandLine commandLine = new CommandLine(job);
        commandLine.getCommandSpec().usageMessage()
                .footer(SettingsOptions.listing(job.settingDefinitions()));
        return commandLine;
    }
}
