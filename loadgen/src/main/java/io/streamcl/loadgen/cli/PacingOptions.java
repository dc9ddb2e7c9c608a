package io.streamcl.loadgen.cli;

import io.streamcl.cli.DurationConverter;
import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine.Option;

/** How fast and for how long to produce. */
final class PacingOptions {

    @Option(names = {"-r", "--rate"}, paramLabel = "PER_SECOND", defaultValue = "max", converter = Converters.Rate.class,
            description = "Examples per second over all keys, or 'max' for as fast as possible (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = {"-d", "--duration"}, paramLabel = "TIME", converter = DurationConverter.class,
            description = "Stop after this long, e.g. 30s, 5m, 1h (default: no limit).")
    Duration duration;

    String describe() {
        String pace = rate > 0 ? String.format(Locale.ROOT, "%,.0f examples/s", rate) : "max rate";
        return duration == null ? pace : pace + ", for at most " + duration.toString().substring(2).toLowerCase(Locale.ROOT);
    }
}
