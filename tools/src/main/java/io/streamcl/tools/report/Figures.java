package io.streamcl.tools.report;

import java.awt.Dimension;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.batik.dom.GenericDOMImplementation;
import org.apache.batik.svggen.SVGGraphics2D;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.w3c.dom.Document;

/**
 * The report's figures as PNG and SVG files for papers and READMEs, drawn with XChart from the same points as
 * the interactive charts ({@link ChartData}); SVG through Batik's {@code SVGGraphics2D}.
 */
final class Figures {
    private static final int WIDTH = 900;
    private static final int HEIGHT = 420;

    private final Path dir;
    private final List<Path> written = new ArrayList<>();

    Figures(Path dir) throws IOException {
        this.dir = Files.createDirectories(dir);
    }

    /** Every file written so far. */
    List<Path> written() {
        return List.copyOf(written);
    }

    /** Held-out accuracy per task with the boundaries as vertical lines, saved as {@code stem-accuracy}. */
    String accuracy(RunSeries series, String stem) throws IOException {
        XYChart chart = chart(series.name() + ": held-out accuracy per task", "model step", "held-out accuracy");
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
        ChartData.accuracyCurves(series).forEach((task, points) -> add(chart, "task " + task, points));
        for (RunSeries.Boundary b : series.boundaries()) {
            chart.addAnnotation(new AnnotationLine(b.step(), true, false));
        }
        return save(chart, stem + "-accuracy");
    }

    /**
     * The old tasks' accuracy around the first four boundaries, against steps since each, saved as {@code
     * stem-gaps}; null when there is no boundary.
     */
    String gaps(RunSeries series, String stem) throws IOException {
        List<ChartData.GapWindow> windows = ChartData.gapWindows(series);
        if (windows.isEmpty()) {
            return null;
        }
        XYChart chart = chart(series.name() + ": stability gaps", "steps since the boundary", "held-out accuracy");
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
        for (ChartData.GapWindow window : windows.subList(0, Math.min(4, windows.size()))) {
            window.curves().forEach((task, points) ->
                    add(chart, "task " + task + " after step " + window.boundaryStep(), points));
        }
        chart.addAnnotation(new AnnotationLine(0, true, false));
        return save(chart, stem + "-gaps");
    }

    /** One figure per diagnostic, one line per series; returns the stems. */
    List<String> diagnostics(List<RunSeries> all) throws IOException {
        Map<String, XYChart> charts = new LinkedHashMap<>();
        for (RunSeries series : all) {
            ChartData.diagnostics(series).forEach((metric, points) -> add(charts.computeIfAbsent(metric,
                    m -> chart(m + " over model steps", "model step", m)), series.name(), points));
        }
        List<String> stems = new ArrayList<>();
        for (Map.Entry<String, XYChart> e : charts.entrySet()) {
            stems.add(save(e.getValue(), "diagnostic-" + slug(e.getKey())));
        }
        return stems;
    }

    /** Online accuracy (or training loss) per task, one line per series; null when there is nothing to draw. */
    String onlinePerTask(List<RunSeries> all, boolean accuracy) throws IOException {
        String measure = accuracy ? "online accuracy" : "mean training loss";
        XYChart chart = chart(measure + " per task", "task (in stream order)", measure);
        boolean any = false;
        for (RunSeries series : all) {
            List<ChartData.Point> points = ChartData.onlinePerTask(series, accuracy);
            if (!points.isEmpty()) {
                add(chart, series.name(), points).setMarker(SeriesMarkers.CIRCLE);
                any = true;
            }
        }
        return any ? save(chart, "online-per-task") : null;
    }

    private static XYChart chart(String title, String x, String y) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(x).yAxisTitle(y)
                .build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
        return chart;
    }

    private static XYSeries add(XYChart chart, String name, List<ChartData.Point> points) {
        double[] x = points.stream().mapToDouble(ChartData.Point::x).toArray();
        double[] y = points.stream().mapToDouble(ChartData.Point::y).toArray();
        XYSeries series = chart.addSeries(name, x, y);
        series.setMarker(SeriesMarkers.NONE);
        return series;
    }

    private String save(XYChart chart, String stem) throws IOException {
        Path png = dir.resolve(stem + ".png");
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
        Path svg = dir.resolve(stem + ".svg");
        Document document = GenericDOMImplementation.getDOMImplementation()
                .createDocument("http://www.w3.org/2000/svg", "svg", null);
        SVGGraphics2D graphics = new SVGGraphics2D(document);
        graphics.setSVGCanvasSize(new Dimension(chart.getWidth(), chart.getHeight()));
        chart.paint(graphics, chart.getWidth(), chart.getHeight());
        try (Writer out = Files.newBufferedWriter(svg, StandardCharsets.UTF_8)) {
            graphics.stream(out, true);
        }
        written.add(png);
        written.add(svg);
        return stem;
    }

    /** A file-name-safe form of {@code name}. */
    static String slug(String name) {
        String slug = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return slug.isEmpty() ? "series" : slug;
    }
}
