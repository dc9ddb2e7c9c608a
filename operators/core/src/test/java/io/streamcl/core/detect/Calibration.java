package io.streamcl.core.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Command-line calibration of the forgetting alerts and boundary detectors on labeled synthetic streams (the null-model replay that
 * Boettiger and Hastings recommend for early-warning thresholds). Prints, in Markdown,
 * the tables from which {@link AccuracyDefaults}, {@link ForgettingAlertsConfig#defaults()} and
 * {@link LossDefaults} were chosen, at the held-out sample counts the jobs use, and a check of the forgetting-alert
 * lifecycle with its defaults. Test-scope tooling, not part of the job: run it as docs/detector-calibration.md
 * shows; {@code --help} lists the options.
 */
public final class Calibration {
    /** The accuracy grid: the forgetting-alert rule on every detector around its defaults, watching drops. */
    static final List<String> GRID = List.of(
            "drop-cusum()", "drop-cusum(h=4.5)", "drop-cusum(k=1.5,h=4)", "drop-cusum(delay=0)",
            "drop-cusum(delay=3)", "drop-cusum(beta=0.2)", "drop-cusum(k=1,h=5)", "drop-cusum(min_instances=30)",
            "ewma-drop(min_instances=10)", "ewma-drop()", "drop-from-best(drop=0.045,alpha=0.2)",
            "page-hinkley(lambda=0.25,watch=down)", "cusum(k=2,h=10,sigma_floor=0.005)", "adwin()");

    /** The loss grid: detectors as boundary detectors on the log training loss, watching rises. */
    static final List<String> BOUNDARY_GRID = List.of(
            "cusum()", "cusum(h=12)", "cusum(k=1,h=12)",
            "page-hinkley()", "page-hinkley(delta=0.1,lambda=5)",
            "adwin()", "adwin(clock=8)", "adwin(clock=1)", "adwin(delta=0.0001,clock=1)", "adwin(delta=0.01,clock=1)",
            "adwin(delta=0.05,clock=1)", "adwin(delta=0.2,clock=1)",
            "drop-from-best(drop=0.7,alpha=0.1,watch=up)",
            "ewma-drop(drop=0.4,alpha=0.2,watch=up)", "ewma-drop(drop=0.5,alpha=0.2,watch=up)",
            "ewma-drop(drop=0.7,alpha=0.2,watch=up)");

    /** Task-switch loss factors the boundary detectors are scored on. */
    static final List<Double> SWITCH_FACTORS = List.of(1.5, 2.0, 4.0, 10.0);

    private Calibration() {}

    public static void main(String[] args) {
        CalibrationOptions options;
        try {
            options = CalibrationOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.println(CalibrationOptions.USAGE);
            return;
        }
        System.out.print(run(options));
    }

    /** Runs the whole calibration and returns its report (Markdown). */
    static String run(CalibrationOptions options) {
        List<String> specs = options.detectors().isEmpty() ? GRID : options.detectors();
        List<String> boundarySpecs = options.boundaryDetectors().isEmpty() ? BOUNDARY_GRID : options.boundaryDetectors();
        ForgettingAlertsConfig alerts = ForgettingAlertsConfig.defaults();
        List<CalibrationScore> headline = new ArrayList<>();
        StringBuilder perSamples = new StringBuilder();
        for (int samples : options.samples()) {
            List<LabeledStream> accuracy = accuracyStreams(options, samples);
            headline.add(CalibrationScore.of("S = " + samples, () -> openings(alerts, samples), accuracy));
            perSamples.append("\n### S = ").append(samples).append(": the alert rule on each detector\n\n")
                    .append(table(specs, alerts, samples, accuracy))
                    .append("\nThe defaults' lifecycle on the dips:\n\n")
                    .append(LifecycleCheck.render(alerts, samples, accuracy));
        }
        return "Output of `" + options.commandLine() + "`.\n\n"
                + "### Forgetting alerts with the defaults, by held-out samples per evaluation\n\n`"
                + alerts.canonical() + "`; an alarm is an OPENED event.\n\n"
                + CalibrationTable.render("samples", headline)
                + perSamples
                + "\n### Training loss: boundary detectors on ln(loss), min_segment="
                + BoundaryDetectorConfig.DEFAULT_MIN_SEGMENT + " (delays in updates, by loss factor)\n\n"
                + table(boundarySpecs, lossStreams(options), Calibration::boundaries);
    }

    private static String table(List<String> specs, ForgettingAlertsConfig alerts, int samples,
            List<LabeledStream> streams) {
        return CalibrationTable.render(specs.parallelStream()
                .map(spec -> alerts.withDetector(DetectorConfig.parse(spec)))
                .map(config -> CalibrationScore.of("`" + config.detector().canonical() + "`",
                        () -> openings(config, samples), streams))
                .toList());
    }

    private static String table(List<String> specs, List<LabeledStream> streams,
            Function<DetectorConfig, CalibrationScore.Alarm> alarms) {
        List<CalibrationScore> scores = specs.parallelStream()
                .map(DetectorConfig::parse)
                .map(config -> CalibrationScore.of("`" + config.canonical() + "`", () -> alarms.apply(config), streams))
                .toList();
        return CalibrationTable.render(scores);
    }

    static List<LabeledStream> accuracyStreams(CalibrationOptions o, int samples) {
        SyntheticStreams generator = new SyntheticStreams(samples, o.seed());
        List<LabeledStream> streams = new ArrayList<>();
        for (int i = 0; i < o.streams(); i++) {
            streams.add(generator.flat(0.5, o.length()));
            streams.add(generator.task(0, o.length()));
            streams.add(generator.task(0.005, o.length()));
        }
        for (double depth : o.depths()) {
            for (int i = 0; i < o.dips(); i++) {
                streams.add(generator.dip(depth, o.recovery()));
            }
        }
        return streams;
    }

    static List<LabeledStream> lossStreams(CalibrationOptions o) {
        SyntheticLossStreams generator = new SyntheticLossStreams(o.seed());
        List<LabeledStream> streams = new ArrayList<>();
        for (int i = 0; i < o.streams(); i++) {
            streams.add(generator.curve(0.1, o.length() / 10.0, o.length()));
            streams.add(generator.curve(0.3, SyntheticLossStreams.TAU, o.length()));
        }
        for (double factor : SWITCH_FACTORS) {
            for (int i = 0; i < o.dips(); i++) {
                streams.add(generator.taskSwitch(factor));
            }
        }
        return streams;
    }

    private static CalibrationScore.Alarm openings(ForgettingAlertsConfig config, int samples) {
        ForgettingAlerts alerts = ForgettingAlerts.create(config);
        return (step, value) -> alerts.observe(step, value, samples).filter(e -> e instanceof AlertOpened).isPresent();
    }

    private static CalibrationScore.Alarm boundaries(DetectorConfig config) {
        BoundaryDetector detector = BoundaryDetector.create(new BoundaryDetectorConfig(config,
                BoundaryDetectorConfig.DEFAULT_LOG, BoundaryDetectorConfig.DEFAULT_MIN_SEGMENT));
        return (step, value) -> detector.update(step, value).isPresent();
    }
}
