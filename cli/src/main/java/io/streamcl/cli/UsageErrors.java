package io.streamcl.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * How every StreamCL command reports a usage error: one line naming what is wrong, picocli's "did you mean"
 * suggestions for a mistyped option or subcommand, then the usage; exit code 2, no stack trace.
 */
public final class UsageErrors implements CommandLine.IParameterExceptionHandler {
    /** Exit code of a usage error (as picocli and most Unix tools use). */
    public static final int EXIT_CODE = 2;

    /** {@code commandLine} with this handler installed. */
    public static CommandLine install(CommandLine commandLine) {
        return commandLine.setParameterExceptionHandler(new UsageErrors());
    }

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine command = ex.getCommandLine();
        PrintWriter err = command.getErr();
        err.println(command.getCommandSpec().qualifiedName() + ": " + ex.getMessage());
        UnmatchedArgumentException.printSuggestions(ex, err);
        err.println();
        command.usage(err);
        err.flush();
        return EXIT_CODE;
    }
}
