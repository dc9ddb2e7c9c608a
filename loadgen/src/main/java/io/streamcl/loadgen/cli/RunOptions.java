package io.streamcl.loadgen.cli;

import io.streamcl.loadgen.Check;
import io.streamcl.loadgen.progress.ProgressListener;
import io.streamcl.loadgen.progress.ProgressPrinter;
import java.io.PrintWriter;
import io.streamcl.cli.DurationConverter;
import java.time.Duration;
import picocli.CommandLine.Option;

/** How many examples to hand over and how progress is shown (produce, write, replay). */
final class RunOptions {

    @Option(names = {"-n", "--total"}, paramLabel = "N",
            description = "Stop after N examples (default: the whole scenario or file).")
    Long total;

    @Option(names = "--progress-interval", paramLabel = "TIME", defaultValue = "2s", converter = DurationConverter.class,
            description = "How often to print a progress line (default: ${DEFAULT-VALUE}).")
    Duration progressInterval;

    @Option(names = {"-q", "--quiet"}, description = "No progress lines, only the summary.")
    boolean quiet;

    long maxExamples() {
        return total == null ? Long.MAX_VALUE : Check.atLeast("total", total, 0);
    }

    ProgressListener progress(PrintWriter err) {
        return quiet ? ProgressListener.none() : ProgressPrinter.to(err);
    }
}
