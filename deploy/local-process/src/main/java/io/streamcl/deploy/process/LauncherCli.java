package io.streamcl.deploy.process;

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

    /** The command line of {@code command}, with errors reported as one message (with any log tail) and exit code 1. */
    public static CommandLine commandLine(Object command) {
        return new CommandLine(command).setExecutionExceptionHandler((error, cli, parsed) -> {
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
        @Option(names = "--timeout", defaultValue = "60", paramLabel = "SECONDS",
                description = "How long to wait for a clean shutdown (default: ${DEFAULT-VALUE}).")
        long seconds;

        /** The timeout given. */
        public Duration duration() {
            return Duration.ofSeconds(seconds);
        }
    }

    /** What {@code status} and {@code stop} print when nothing runs from {@code dataDir}. */
    public static String notRunning(Path dataDir) {
        return "not running (data dir " + dataDir.toAbsolutePath().normalize() + ")";
    }
}
