package io.streamcl.loadgen.cli;

import io.streamcl.loadgen.images.ImageDomain;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/** Parsers for option values that picocli does not know; their messages show what is accepted. */
final class Converters {

    private Converters() {
    }

    /** {@code max} (no limit, 0) or a positive number of examples per second. */
    static final class Rate implements CommandLine.ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            if (value.equalsIgnoreCase("max")) {
                return 0.0;
            }
            try {
                double rate = Double.parseDouble(value);
                if (rate > 0 && Double.isFinite(rate)) {
                    return rate;
                }
            } catch (NumberFormatException e) {
                // fall through to the message below
            }
            throw new CommandLine.TypeConversionException("'" + value + "' is not a positive number of examples per"
                    + " second or 'max'");
        }
    }

    /** A duration like {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h} or ISO-8601 {@code PT1M30S}. */
    static final class Time implements CommandLine.ITypeConverter<Duration> {
        private static final Pattern SIMPLE = Pattern.compile("(\\d+)(ms|s|m|h)");

        @Override
        public Duration convert(String value) {
            Matcher m = SIMPLE.matcher(value.trim().toLowerCase(Locale.ROOT));
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                Duration d = switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    default -> Duration.ofHours(n);
                };
                return positive(value, d);
            }
            try {
                return positive(value, Duration.parse(value.trim().toUpperCase(Locale.ROOT)));
            } catch (DateTimeParseException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a duration; write e.g. 500ms, 30s,"
                        + " 5m, 2h or PT1M30S");
            }
        }

        private static Duration positive(String value, Duration d) {
            if (d.isZero() || d.isNegative()) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a positive duration");
            }
            return d;
        }
    }

    /** An {@link ImageDomain} written in lower case with dashes, e.g. {@code upside-down}. */
    static final class Domain implements CommandLine.ITypeConverter<ImageDomain> {
        @Override
        public ImageDomain convert(String value) {
            try {
                return ImageDomain.valueOf(value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a domain; choose from "
                        + domainNames());
            }
        }

        static String domainNames() {
            StringBuilder s = new StringBuilder();
            for (ImageDomain d : ImageDomain.values()) {
                s.append(s.length() == 0 ? "" : ", ").append(d.name().toLowerCase(Locale.ROOT).replace('_', '-'));
            }
            return s.toString();
        }
    }
}
