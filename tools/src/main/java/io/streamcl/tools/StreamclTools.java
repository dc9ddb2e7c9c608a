package io.streamcl.tools;

import io.streamcl.tools.events.EventsCommand;
import io.streamcl.tools.export.ExportCommand;
import io.streamcl.tools.report.ReportCommand;
import java.io.IOException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** StreamCL's command-line tools for people: {@code events}, {@code report} and {@code export}. Run with {@code --help}. */
@Command(name = "streamcl-tools", mixinStandardHelpOptions = true, version = "StreamCL tools 0.1.0",
        description = "Read StreamCL events, turn them into reports, export learners' models.",
        subcommands = {EventsCommand.class, ReportCommand.class, ExportCommand.class}, synopsisSubcommandLabel = "COMMAND")
public final class StreamclTools {
    /** Exit status when the source or the output could not be read or written. */
    public static final int RUN_ERROR = 1;
    /** Exit status for a bad option value. */
    public static final int USAGE_ERROR = 2;
    /** Exit status when some records did not decode (they were reported, not skipped). */
    public static final int UNDECODABLE = 3;

    private StreamclTools() {
    }

    /** Runs a command and exits with its status. */
    public static void main(String[] args) {
        if (System.getProperty("log4j2.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", "tools-log4j2.xml");
        }
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs a command with the given output streams and returns its exit status. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new StreamclTools());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            String name = commandLine.getCommandName();
            if (e instanceof IllegalArgumentException) {
                commandLine.getErr().println(name + ": invalid option value: " + e.getMessage());
                commandLine.getErr().println("Run '" + commandLine.getCommandSpec().qualifiedName() + " --help' for the options.");
                return USAGE_ERROR;
            }
            if (e instanceof IOException) {
                commandLine.getErr().println(name + ": " + e.getMessage());
                return RUN_ERROR;
            }
            throw e;
        });
        return cli.execute(args);
    }
}
