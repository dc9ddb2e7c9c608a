package io.streamcl.loadgen.cli;

import io.streamcl.loadgen.images.ImageDomain;
import java.util.Locale;
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
