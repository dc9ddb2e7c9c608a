package io.streamcl.core.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Tests the {@link Calibration} command on a tiny, fast configuration. */
class CalibrationTest {
    private static final String[] TINY = {"--samples", "100,1000", "--streams", "2", "--length", "400", "--dips", "4",
        "--depths", "0.1,0.3", "--detectors", "ewma-drop(drop=0.03);cusum(h=8)", "--boundary-detectors",
        "adwin(clock=1)", "--seed", "5"};

    @Test
    void reportHasOneRowPerSampleCountAndDetectorAndIsReproducible() {
        String report = Calibration.run(CalibrationOptions.parse(TINY));
        assertThat(report).startsWith("Output of `Calibration --samples 100,1000 --streams 2 --length 400 --dips 4 "
                + "--depths 0.1,0.3 --recovery 10 --seed 5 --detectors 'ewma-drop(drop=0.03);cusum(h=8)' "
                + "--boundary-detectors 'adwin(clock=1)'`.");
        assertThat(report).contains(
                "| samples | FA/10k flat p=0.5 | FA/10k task curves | FA/10k task curves +wobble 0.005 |",
                "delay 0.1 (hit, within 5) | delay 0.3 (hit, within 5) |", "| S = 100 |", "| S = 1000 |",
                "### S = 100: the alert rule on each detector", "### S = 1000: the alert rule on each detector",
                "| `ewma-drop(drop=0.03,alpha=0.3,beta=0.02,min_instances=30,watch=down)` |",
                "| `cusum(k=0.5,h=8,min_instances=30,sigma_floor=0,watch=both)` |",
                "| 0.3 | 4 |", "| `adwin(delta=0.002,clock=1,max_buckets=5,min_window=5,grace_period=10,watch=both)` |",
                "delay 10 (hit, within 5)");
        assertThat(Calibration.run(CalibrationOptions.parse(TINY))).isEqualTo(report);
    }

    @Test
    void helpPrintsUsage() {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            Calibration.main(new String[] {"--help"});
        } finally {
            System.setOut(original);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8)).startsWith("Usage: java io.streamcl.core.detect.Calibration")
                .contains("--samples S", "--depths D,D,...", "--detectors S;S;...");
    }

    @Test
    void badOptionsAreNamed() {
        assertThatThrownBy(() -> CalibrationOptions.parse("--streams", "0"))
                .hasMessage("--streams must be a positive integer, got '0'");
        assertThatThrownBy(() -> CalibrationOptions.parse("--depths", "0.1,2"))
                .hasMessage("--depths values must be in (0, 1), got '2'");
        assertThatThrownBy(() -> CalibrationOptions.parse("--frobnicate", "1"))
                .hasMessage("unknown option --frobnicate (see --help)");
        assertThatThrownBy(() -> CalibrationOptions.parse("--seed")).hasMessage("--seed needs a value (see --help)");
        assertThatThrownBy(() -> CalibrationOptions.parse("--detectors", "cusum(h=8);cusum(h=-1)"))
                .hasMessage("--detectors: cusum.h must be > 0, got -1");
        assertThatThrownBy(() -> CalibrationOptions.parse("--boundary-detectors", "ewma-drop(drop=0.5)"))
                .hasMessageStartingWith("--boundary-detectors: boundary.detector must watch up or both");
    }
}
