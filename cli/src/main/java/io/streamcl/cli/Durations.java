package io.streamcl.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one duration syntax of StreamCL, for command-line options and settings alike: plain seconds ({@code 30}), a
 * number with a unit ({@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 1d}) or ISO-8601 ({@code PT1M30S}).
 * Free of picocli, so job settings parse durations with it too.
 */
public final class Durations {
    /** The accepted forms, for error messages and help texts. */
    public static final String SYNTAX = "seconds (30), a number with a unit (500ms, 30s, 5m, 2h, 1d) or ISO-8601"
            + " (PT1M30S)";

    private static final Pattern WITH_UNIT = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)?");

    private Durations() {}

    /**
     * Parses {@code value}, zero included; negative durations are refused.
     *
     * @throws IllegalArgumentException naming the value and the accepted forms
     */
    public static Duration parse(String value) {
        String text = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        Matcher m = WITH_UNIT.matcher(text);
        Duration duration;
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            String unit = m.group(2) == null ? "s" : m.group(2);
            duration = switch (unit) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        } else {
            try {
                duration = Duration.parse(text.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("'" + value + "' is not a duration; write " + SYNTAX);
            }
        }
        if (duration.isNegative()) {
            throw new IllegalArgumentException("'" + value + "' is negative; a duration is zero or positive");
        }
        return duration;
    }

    /** Parses {@code value} and refuses zero as well (for options where zero would mean nothing sensible). */
    public static Duration parsePositive(String value) {
        Duration duration = parse(value);
        if (duration.isZero()) {
            throw new IllegalArgumentException("'" + value + "' is not a positive duration");
        }
        return duration;
    }

    /** A duration in the shortest of this syntax's forms, e.g. {@code 0s}, {@code 10s}, {@code 1500ms}, {@code 5m}. */
    public static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis == 0) {
            return "0s";
        }
        if (millis % 3_600_000 == 0) {
            return millis / 3_600_000 + "h";
        }
        if (millis % 60_000 == 0) {
            return millis / 60_000 + "m";
        }
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }
}
