package io.streamcl.cli;

import java.time.Duration;
import picocli.CommandLine;

/**
 * Picocli's converter for {@link Durations}' syntax. Zero and negative durations are refused: no option here means
 * "never" by zero.
 */
public final class DurationConverter implements CommandLine.ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        return parse(value);
    }

    /** Parses a positive duration; the exception's message names the value and the accepted forms. */
    public static Duration parse(String value) {
        try {
            return Durations.parsePositive(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }

    /** A duration in the shortest of the syntax's forms, e.g. {@code 10s}, {@code 1500ms}, {@code 5m}. */
    public static String format(Duration duration) {
        return Durations.format(duration);
    }
}
