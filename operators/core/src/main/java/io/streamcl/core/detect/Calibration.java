package io.streamcl.core.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Command-line calibration of the change detectors on labeled synthetic streams (the null-model replay that
 * Boettiger and Hastings recommend for early-warning thresholds). Prints, in Markdown,
 * the tables from which {@link AccuracyDefaults} and {@link LossDefaults} were chosen, and a check of the
 * forgetting-alert lifecycle with its defaults. Run with {@code --help} for the options.
 */
public final class Calibration {
    /** The accuracy grid: every detector around its reference and calibrated settings, watching drops. */
    static final List<String> GRID = List.of(
            "drop-from-best(drop=0.08,alpha=1)", "drop-from-best(drop=0.1,alpha=1)",
            "drop-from-best(drop=0.12,alpha=1)", "drop-from-best(drop=0.04,alpha=0.3)",
            "drop-from-best(drop=0.05,alpha=0.3)", "drop-from-best(drop=0.055,alpha=0.3)",
            "drop-from-best(drop=0.04,alpha=0.2)", "drop-from-best(drop=0.045,alpha=0.2)",
            "ewma-drop(drop=0.02)", "ewma-drop(drop=0.025)", "ewma-drop(drop=0.03)", "ewma-drop(drop=0.035)",
            "ewma-drop(drop=0.025,alpha=0.2)", "ewma-drop(drop=0.03,beta=0.05)", "ewma-drop(drop=0.03,beta=0.01)",
            "page-hinkley(watch=down)", "page-hinkley(lambda=0.1,watch=down)", "page-hinkley(lambda=0.2,watch=down)",
            "page-hinkley(lambda=0.25,watch=down)", "page-hinkley(lambda=0.3,watch=down)",
            "page-hinkley(lambda=0.4,watch=down)",
            "cusum()", "cusum(h=8)", "cusum(h=16)", "cusum(k=1,h=6)", "cusum(k=1,h=10)", "cusum(k=1,h=14)",
            "cusum(k=1.5,h=10)", "cusum(k=1.5,h=14)", "cusum(k=2,h=10,sigma_floor=0.005)",
            "adwin()", "adwin(delta=0.0001)", "adwin(clock=4)", "adwin(delta=0.05,clock=1)");

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
        List<LabeledStream> accuracy = accuracyStreams(options);
        List<String> specs = options.detectors().isEmpty() ? GRID : options.detectors();
        List<String> boundarySpecs = options.boundaryDetectors().isEmpty() ? BOUNDARY_GRID : options.boundaryDetectors();
        ForgettingAlertsConfig alerts = ForgettingAlertsConfig.defaults();
        return "Output of `" + options.commandLine() + "`.\n\n"
                + "### Per-task accuracy: detectors (false alarms count drops only)\n\n"
                + table(specs, accuracy, Calibration::drops)
                + "\n### Per-task accuracy: forgetting alerts with the defaults\n\n`" + alerts.canonical()
                + "`; an alarm is an OPENED event.\n\n"
                + CalibrationTable.render(List.of(
                        CalibrationScore.of("forgetting alerts", () -> openings(alerts), accuracy)))
                + "\n" + LifecycleCheck.render(alerts, accuracy)
                + "\n### Training loss: boundary detectors on ln(loss), min_segment="
                + BoundaryDetectorConfig.DEFAULT_MIN_SEGMENT + " (delays in updates, by loss factor)\n\n"
                + table(boundarySpecs, lossStreams(options), Calibration::boundaries);
    }

    private static String table(List<String> specs, List<LabeledStream> streams,
            Function<DetectorConfig, CalibrationScore.Alarm> alarms) {
        List<CalibrationScore> scores = specs.parallelStream()
                .map(DetectorConfig::parse)
                .map(config -> CalibrationScore.of(config.canonical(), () -> alarms.apply(config), streams))
                .toList();
        return CalibrationTable.render(scores);
    }

    static List<LabeledStream> accuracyStreams(CalibrationOptions o) {
        SyntheticStreams generator = new SyntheticStreams(o.samples(), o.seed());
        List<LabeledStream> streams = new ArrayList<>();
        for (int i = 0; i < o.streams(); i++) {
            streams.add(generator.flat(0.5, o.length()));
            streams.add(generator.flat(0.9, o.length()));
            streams.add(generator.learningCurve(0.5, 0.9, o.length() / 5.0, 0, o.length()));
            streams.add(generator.learningCurve(0.5, 0.9, o.length() / 5.0, 0.005, o.length()));
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

    /** A fresh detector whose alarms are its reports of a drop. */
    private static CalibrationScore.Alarm drops(DetectorConfig config) {
        ChangeDetector detector = config.create();
        return (step, value) -> {
            Optional<Detection> d = detector.update(step, value);
            return d.isPresent() && d.get().direction() == Direction.DOWN;
        };
    }

    private static CalibrationScore.Alarm openings(ForgettingAlertsConfig config) {
        ForgettingAlerts alerts = ForgettingAlerts.create(config);
        return (step, value) -> alerts.observe(step, value).filter(e -> e instanceof AlertOpened).isPresent();
    }

    private static CalibrationScore.Alarm boundaries(DetectorConfig config) {
        BoundaryDetector detector = BoundaryDetector.create(new BoundaryDetectorConfig(config,
                BoundaryDetectorConfig.DEFAULT_LOG, BoundaryDetectorConfig.DEFAULT_MIN_SEGMENT));
        return (step, value) -> detector.update(step, value).isPresent();
    }
}
