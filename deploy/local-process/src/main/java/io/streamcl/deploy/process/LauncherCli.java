package io.streamcl.deploy.process;

import io.streamcl.cli.DurationConverter;
import io.streamcl.cli.UsageErrors;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The command-line plumbing the launchers' CLIs share: error reporting, exit codes and the "not running" line. */
public final class LauncherCli {

    /** Exit code of {@code status} when nothing runs (as in LSB init scripts). */
    public static final int NOT_RUNNING = 3;

    private LauncherCli() {
    }

    /**
     * The command line of {@code command}: usage errors as {@link UsageErrors} reports them (exit code 2), other errors
     * as one message (with any log tail) and exit code 1.
     */
    public static CommandLine commandLine(Object command) {
        return UsageErrors.install(new CommandLine(command)).setExecutionExceptionHandler((error, cli, parsed) -> {
            boolean explained = error instanceof IllegalStateException || error instanceof IllegalArgumentException
                    || error instanceof UncheckedIOException;
            cli.getErr().println(cli.getCommandSpec().qualifiedName() + ": "
                    + (explained ? error.getMessage() : error.toString()));
            if (!explained) {
                error.printStackTrace(cli.getErr()); // a bug rather than a situation: keep the trace
            }
            return 1;
        });
    }

    /** The {@code --timeout} option of a {@code stop} command, to add with {@code @Mixin}. */
    public static final class StopTimeout {
        @Option(names = "--timeout", defaultValue = "60s", paramLabel = "TIME", converter = DurationConverter.class,
                description = "How long to wait for a clean shutdown (default: ${DEFAULT-VALUE}).")
        Duration timeout;

        /** The timeout given. */
        public Duration duration() {
            return timeout;
        }
    }

    /** What {@code status} and {@code stop} print when nothing runs from {@code dataDir}. */
    public static String notRunning(Path dataDir) {
        return "not running (data dir " + dataDir.toAbsolutePath().normalize() + ")";
    }
}
