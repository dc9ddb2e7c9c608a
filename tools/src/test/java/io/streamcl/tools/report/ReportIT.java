package io.streamcl.tools.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamcl.schemas.EvaluationEvent;
import io.streamcl.schemas.ForgettingAlert;
import io.streamcl.tools.StreamclTools;
import io.streamcl.tools.events.JsonRecords;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report from two runs (an Avro file and JSON lines, alerts as JSON lines), then the page opened in headless
 * Chromium (Debian package {@code chromium}): the screenshot must not be blank and the DOM must hold the charts
 * vega-embed rendered.
 */
class ReportIT {
    @TempDir
    static Path dir;
    static Path out;
    static String stdout;
    static String stderr;
    static int status;

    @BeforeAll
    static void writeReport() throws IOException {
        Path sgd = dir.resolve("sgd.avro");
        try (DataFileWriter<EvaluationEvent> writer = new DataFileWriter<>(new SpecificDatumWriter<>(EvaluationEvent.class))) {
            writer.create(EvaluationEvent.getClassSchema(), sgd.toFile());
            for (EvaluationEvent e : SyntheticRun.evaluations("a", 3, 0.6)) {
                writer.append(e);
            }
        }
        Path replay = dir.resolve("replay.jsonl");
        Files.write(replay, SyntheticRun.evaluations("a", 3, 0.25).stream().map(e -> JsonRecords.toJson(e).toString()).toList());
        Path alerts = dir.resolve("alerts.jsonl");
        Files.write(alerts, SyntheticRun.alerts("a").stream().map(a -> JsonRecords.toJson(a).toString()).toList());
        Path info = dir.resolve("sgd.properties");
        Files.writeString(info, "optimizer=sgd(lr=0.01)\nseed=7\nthroughput=1234 examples/s\n");
        out = dir.resolve("report");
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        status = StreamclTools.run(new PrintWriter(o, true), new PrintWriter(e, true), "report",
                "--evaluations", "sgd=" + sgd, "--evaluations", "replay=" + replay, "--alerts", "sgd=" + alerts,
                "--run-info", "sgd=" + info, "--out", out.toString(), "--title", "Synthetic");
        stdout = o.toString();
        stderr = e.toString();
    }

    @Test
    void writesThePageTheMetricsAndTheFigures() throws IOException {
        assertThat(status).as(stderr).isZero();
        assertThat(stdout).contains("4 series");
        String html = Files.readString(out.resolve("report.html"));
        assertThat(html).contains("<h2>sgd</h2>", "<h2>replay (EMA weights)</h2>", "optimizer", "1234 examples/s",
                "min-ACC every 10").doesNotContain("src=\"http");
        List<String> csv = Files.readAllLines(out.resolve("metrics.csv"));
        assertThat(csv).hasSize(5);
        assertThat(csv.get(0)).startsWith("configuration,evaluations,tasks,min_acc,");
        assertThat(csv.get(1)).startsWith("sgd,601,3,");
        for (String stem : List.of("01-sgd-accuracy", "01-sgd-gaps", "03-replay-accuracy", "diagnostic-dormantfraction",
                "online-per-task")) {
            BufferedImage png = ImageIO.read(out.resolve("figures/" + stem + ".png").toFile());
            assertThat(nonWhiteShare(png)).as(stem).isGreaterThan(0.02);
            assertThat(Files.readString(out.resolve("figures/" + stem + ".svg"))).contains("<svg", "<path");
        }
    }

    @Test
    void theDeeperGapShowsInMinAccuracyOnlyUnderDenseEvaluation() throws IOException {
        List<String> rows = Files.readAllLines(out.resolve("metrics.csv"));
        String[] sgd = rows.get(1).split(",");
        String[] replay = rows.get(3).split(",");
        double sgdDense = Double.parseDouble(sgd[3]);
        double sgdTaskEnd = Double.parseDouble(sgd[5]);
        assertThat(sgdDense).isLessThan(Double.parseDouble(replay[3]));
        assertThat(sgdTaskEnd - sgdDense).isGreaterThan(0.4);
    }

    @Test
    void rendersInHeadlessChromium() throws Exception {
        Path page = out.resolve("report.html");
        Path shot = Path.of("target", "report-screenshot.png").toAbsolutePath();
        run(chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                "--virtual-time-budget=15000", "--window-size=1280,2400", "--screenshot=" + shot, page.toUri().toString());
        BufferedImage image = ImageIO.read(shot.toFile());
        assertThat(image.getHeight()).isEqualTo(2400);
        assertThat(nonWhiteShare(image)).as("share of non-white pixels in the screenshot").isGreaterThan(0.05);

        String dom = run(chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--virtual-time-budget=15000",
                "--dump-dom", page.toUri().toString());
        Matcher marks = Pattern.compile("<svg[^>]*class=\"marks\"").matcher(dom);
        int charts = 0;
        while (marks.find()) {
            charts++;
        }
        // per series an accuracy chart and a gap zoom (4 series), plus the two charts across configurations
        assertThat(charts).isEqualTo(10);
        assertThat(dom.contains("role=\"graphics-symbol\"")).as("the DOM holds drawn marks").isTrue();
    }

    private static String chromium() {
        for (String candidate : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")) {
            if (new File(candidate).canExecute()) {
                return candidate;
            }
        }
        throw new AssertionError("headless Chromium is needed to check the report renders: apt-get install chromium");
    }

    private static String run(String... command) throws Exception {
        Path log = Files.createTempFile(dir, "chromium", ".log");
        Process process = new ProcessBuilder(command).redirectError(log.toFile()).start();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("chromium finished").isTrue();
        assertThat(process.exitValue()).as(Files.readString(log)).isZero();
        return new String(output, StandardCharsets.UTF_8);
    }

    static double nonWhiteShare(BufferedImage image) {
        long nonWhite = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                if ((rgb & 0xff) < 240 || ((rgb >> 8) & 0xff) < 240 || ((rgb >> 16) & 0xff) < 240) {
                    nonWhite++;
                }
            }
        }
        return nonWhite / (double) ((long) image.getWidth() * image.getHeight());
    }
}
