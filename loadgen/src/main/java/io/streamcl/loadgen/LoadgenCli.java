package io.streamcl.loadgen;

import io.streamcl.cli.UsageErrors;
import io.streamcl.loadgen.cli.Commands;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The loadgen command line: generate continual-learning scenarios and produce them to Kafka, write them to Avro
 * files, or replay such files. Run with {@code --help}.
 */
@Command(name = "loadgen", mixinStandardHelpOptions = true, version = "StreamCL loadgen 0.1.0",
        description = "Continual-learning scenarios over Fashion-MNIST and synthetic data, produced to Kafka.",
        synopsisSubcommandLabel = "COMMAND")
public final class LoadgenCli {

    /** Exit code for a bad option value. */
    public static final int USAGE_ERROR = 2;

    /** Exit code for a failure at run time (dataset missing, broker unreachable). */
    public static final int RUN_ERROR = 1;

    /** Runs the CLI and exits with its status. */
    public static void main(String[] args) {
        // Keep the Kafka client's INFO chatter out of the progress output unless the caller configured logging.
        if (System.getProperty("log4j2.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", "loadgen-log4j2.xml");
        }
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs the CLI with the given output streams and returns the exit status. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = UsageErrors.install(Commands.attach(new CommandLine(new LoadgenCli())));
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof IllegalArgumentException) {
                commandLine.getErr().println("loadgen: invalid option value: " + e.getMessage());
                commandLine.getErr().println("Run '" + commandLine.getCommandSpec().qualifiedName() + " --help' for the options.");
                return USAGE_ERROR;
            }
            if (e instanceof LoadgenException) {
                commandLine.getErr().println("loadgen: " + e.getMessage());
                return RUN_ERROR;
            }
            throw e;
        });
        return cli.execute(args);
    }
}
