package io.streamcl.core.detect;

import io.streamcl.core.spec.Spec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Command-line options of {@link Calibration}, validated, with defaults sized to give false-alarm rates down to
 * about 0.1 per 10,000 evaluations in a few minutes on two cores.
 */
record CalibrationOptions(List<Integer> samples, int streams, int length, int dips, List<Double> depths, double recovery,
        List<String> detectors, List<String> boundaryDetectors, long seed, boolean help) {

    static final String USAGE = String.join("\n",
            "Usage: java io.streamcl.core.detect.Calibration [options]",
            "",
            "Replays synthetic continual-evaluation streams (accuracy = Binomial(S, p) / S) through forgetting alerts",
            "and prints, per sample count S, false alarms (OPENED events) per 10,000 evaluations on drift-free streams",
            "and, per dip depth, the median detection delay (evaluations after onset) with the share detected in time",
            "and within 5 evaluations: first for the defaults at every S, then per S for the alert rule on each",
            "detector of a grid, with a check of the alert lifecycle; then task-boundary detectors on synthetic",
            "training losses (false boundaries per 10,000 updates, delay after task switches that multiply the loss",
            "by 1.5, 2, 4 and 10).",
            "",
            "  --samples S,S,...    held-out samples behind each accuracy value (default 50,100,300,500,1000)",
            "  --streams N          drift-free streams per family (default 500)",
            "  --length L           evaluations per drift-free stream (default 2000)",
            "  --dips N             dip streams per depth (default 400)",
            "  --depths D,D,...     dip depths as accuracy fractions (default 0.05,0.1,0.2)",
            "  --recovery T         time constant of the recovery after a dip, in evaluations (default 10)",
            "  --detectors S;S;...  detector specs to score, e.g. 'cusum(h=8);adwin(delta=0.0001)'",
            "                       (default: the built-in grid around every detector's defaults)",
            "  --boundary-detectors S;S;...",
            "                       detector specs to score as boundary detectors on the log loss",
            "                       (default: the built-in grid)",
            "  --seed N             random seed (default 20240601)",
            "  --help               print this text");

    static CalibrationOptions parse(String... args) {
        List<Integer> samples = List.of(50, 100, 300, 500, 1000);
        int streams = 500;
        int length = 2000;
        int dips = 400;
        List<Double> depths = List.of(0.05, 0.1, 0.2);
        double recovery = 10;
        List<String> detectors = List.of();
        List<String> boundaryDetectors = List.of();
        long seed = 20240601L;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (option.equals("--help") || option.equals("-h")) {
                return new CalibrationOptions(samples, streams, length, dips, depths, recovery, detectors,
                        boundaryDetectors, seed, true);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(option + " needs a value (see --help)");
            }
            String value = args[++i];
            switch (option) {
                case "--samples" -> samples = Arrays.stream(value.split(",")).map(v -> positive(option, v.strip()))
                        .toList();
                case "--streams" -> streams = positive(option, value);
                case "--length" -> length = positive(option, value);
                case "--dips" -> dips = positive(option, value);
                case "--depths" -> depths = fractions(option, value);
                case "--recovery" -> recovery = positive(option, value);
                case "--detectors" -> detectors = specs(option, value, false);
                case "--boundary-detectors" -> boundaryDetectors = specs(option, value, true);
                case "--seed" -> seed = number(option, value).longValue();
                default -> throw new IllegalArgumentException("unknown option " + option + " (see --help)");
            }
        }
        return new CalibrationOptions(samples, streams, length, dips, depths, recovery, detectors, boundaryDetectors,
                seed, false);
    }

    /** The command line that reproduces these options, for the report's header. */
    String commandLine() {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
                "Calibration --samples %s --streams %d --length %d --dips %d --depths %s --recovery %s --seed %d",
                String.join(",", samples.stream().map(String::valueOf).toList()), streams, length, dips,
                String.join(",", depths.stream().map(Spec::number).toList()), Spec.number(recovery),
                seed));
        if (!detectors.isEmpty()) {
            s.append(" --detectors '").append(String.join(";", detectors)).append('\'');
        }
        if (!boundaryDetectors.isEmpty()) {
            s.append(" --boundary-detectors '").append(String.join(";", boundaryDetectors)).append('\'');
        }
        return s.toString();
    }

    /** The specs in {@code value}, each checked now so that a typo fails before minutes of replay. */
    private static List<String> specs(String option, String value, boolean boundary) {
        List<String> specs = Arrays.stream(value.split(";")).map(String::strip).filter(v -> !v.isEmpty()).toList();
        for (String spec : specs) {
            try {
                DetectorConfig config = DetectorConfig.parse(spec);
                if (boundary) {
                    new BoundaryDetectorConfig(config, true, 1);
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(option + ": " + e.getMessage(), e);
            }
        }
        return specs;
    }

    private static int positive(String option, String value) {
        double n = number(option, value);
        if (n < 1 || n != Math.rint(n) || n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(option + " must be a positive integer, got '" + value + "'");
        }
        return (int) n;
    }

    private static List<Double> fractions(String option, String value) {
        List<Double> out = new ArrayList<>();
        for (String part : value.split(",")) {
            double d = number(option, part.strip());
            if (!(d > 0 && d < 1)) {
                throw new IllegalArgumentException(option + " values must be in (0, 1), got '" + part.strip() + "'");
            }
            out.add(d);
        }
        return List.copyOf(out);
    }

    private static Double number(String option, String value) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a number, got '" + value + "'");
        }
    }
}
