package io.firedrill.report;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;

/**
 * One chart of a report as data: what is drawn where, in which unit. The model is what tests
 * check against the drill's data; {@link #render()} turns it into pixels with XChart (headless).
 * Shaded windows (fault windows, failed runs) and markers (disaster, detection, failover, ...)
 * are painted over the plot by {@link TimelineOverlay}.
 */
public final class DrillChart {

    public static final int WIDTH = 1200;
    public static final int HEIGHT = 420;
    private static final double HEADROOM = 1.25;

    /** A line; {@code yAxis} 0 is the left axis, 1 the right one. NaN in {@code y} is a gap. */
    public record Line(String name, int yAxis, double[] x, double[] y, Color color, boolean dots, boolean dashed) {
        public double minY() {
            return Arrays.stream(y).filter(Double::isFinite).min().orElse(Double.NaN);
        }

        public double maxY() {
            return Arrays.stream(y).filter(Double::isFinite).max().orElse(Double.NaN);
        }

        public double minX() {
            return x.length == 0 ? Double.NaN : x[0];
        }

        public double maxX() {
            return x.length == 0 ? Double.NaN : x[x.length - 1];
        }
    }

    /** A shaded span of the x axis, e.g. a fault that was active from 20 s to 35 s. */
    public record Window(String label, double from, double to, Color color) {}

    /** A point event on the x axis, drawn as a labelled vertical line. */
    public record Marker(String label, double at, Color color) {}

    /** The rendered chart and how its x axis maps to pixels, for checks on the image. */
    public record Rendered(BufferedImage image, Rectangle2D plotArea, DoubleUnaryOperator screenX) {}

    private final String fileName;
    private final String title;
    private final String xAxisTitle;
    private final List<String> yAxisTitles;
    private final List<Line> lines;
    private final List<Window> windows;
    private final List<Marker> markers;
    private final double xMin;
    private final double xMax;
    private final Function<Double, String> xTickLabels;

    DrillChart(String fileName, String title, String xAxisTitle, List<String> yAxisTitles, List<Line> lines,
               List<Window> windows, List<Marker> markers, double xMin, double xMax,
               Function<Double, String> xTickLabels) {
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("chart '" + title + "' has nothing to draw");
        }
        this.fileName = fileName;
        this.title = title;
        this.xAxisTitle = xAxisTitle;
        this.yAxisTitles = List.copyOf(yAxisTitles);
        this.lines = List.copyOf(lines);
        this.windows = List.copyOf(windows);
        this.markers = List.copyOf(markers);
        this.xMin = xMin;
        this.xMax = xMax;
        this.xTickLabels = xTickLabels;
    }

    /** File name of the PNG, e.g. {@code traffic.png}. */
    public String fileName() {
        return fileName;
    }

    public String title() {
        return title;
    }

    public String xAxisTitle() {
        return xAxisTitle;
    }

    /** Titles with units, by y axis: index 0 left, 1 right (when a line uses it). */
    public List<String> yAxisTitles() {
        return yAxisTitles;
    }

    public List<Line> lines() {
        return lines;
    }

    public Line line(String name) {
        return lines.stream().filter(l -> l.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("chart '" + title + "' has no line " + name));
    }

    public List<Window> windows() {
        return windows;
    }

    public List<Marker> markers() {
        return markers;
    }

    public double xMin() {
        return xMin;
    }

    public double xMax() {
        return xMax;
    }

    public byte[] png() {
        try {
            return BitmapEncoder.getBitmapBytes(build().chart(), BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("could not encode chart '" + title + "' as PNG", e);
        }
    }

    public Rendered render() {
        Built built = build();
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            built.chart().paint(g, WIDTH, HEIGHT);
        } finally {
            g.dispose();
        }
        return new Rendered(image, built.overlay().plotArea(), built.chart()::getScreenXFromChart);
    }

    private record Built(XYChart chart, TimelineOverlay overlay) {}

    private Built build() {
        XYChart chart = new XYChart(WIDTH, HEIGHT);
        chart.setTitle(title);
        chart.setXAxisTitle(xAxisTitle);
        chart.setYAxisTitle(yAxisTitles.get(0));
        style(chart);
        boolean rightAxis = lines.stream().anyMatch(l -> l.yAxis() == 1);
        for (Line line : lines) {
            XYSeries series = chart.addSeries(line.name(), line.x(), line.y());
            series.setLineColor(line.color());
            series.setMarkerColor(line.color());
            series.setLineWidth(2.2f);
            series.setMarker(line.dots() ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
            series.setYAxisGroup(line.yAxis());
            if (line.dashed()) {
                series.setLineStyle(SeriesLines.DASH_DASH);
            }
        }
        if (rightAxis) {
            chart.getStyler().setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
            chart.setYAxisGroupTitle(1, yAxisTitles.get(1));
            chart.getStyler().setYAxisMin(1, 0.0);
        }
        chart.getStyler().setYAxisMin(0, 0.0);
        if (!markers.isEmpty()) {
            // room above the data for the event labels, so they do not hide the lines' peaks
            for (int axis = 0; axis <= (rightAxis ? 1 : 0); axis++) {
                int group = axis;
                double max = lines.stream().filter(l -> l.yAxis() == group).mapToDouble(Line::maxY)
                        .filter(Double::isFinite).max().orElse(0);
                if (max > 0) {
                    chart.getStyler().setYAxisMax(group, max * HEADROOM);
                }
            }
        }
        chart.getStyler().setXAxisMin(xMin);
        chart.getStyler().setXAxisMax(xMax);
        if (xTickLabels != null) {
            chart.setCustomXAxisTickLabelsFormatter(xTickLabels);
        }
        TimelineOverlay overlay = new TimelineOverlay(windows, markers);
        chart.addAnnotation(overlay);
        return new Built(chart, overlay);
    }

    private static void style(XYChart chart) {
        var styler = chart.getStyler();
        Font font = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotBorderVisible(false);
        styler.setChartFontColor(Palette.INK);
        styler.setChartTitleFont(font.deriveFont(Font.BOLD, 16f));
        styler.setChartTitleBoxVisible(false);
        styler.setChartPadding(14);
        styler.setAxisTitleFont(font);
        styler.setAxisTickLabelsFont(font.deriveFont(12f));
        styler.setAxisTickLabelsColor(Palette.MUTED);
        styler.setAxisTickMarksColor(Palette.GRID);
        styler.setPlotGridLinesColor(Palette.GRID);
        styler.setPlotGridLinesStroke(new BasicStroke(1f));
        styler.setPlotGridVerticalLinesVisible(false);
        styler.setLegendPosition(Styler.LegendPosition.OutsideS);
        styler.setLegendLayout(Styler.LegendLayout.Horizontal);
        styler.setLegendBorderColor(Color.WHITE);
        styler.setLegendFont(font.deriveFont(12.5f));
        styler.setLegendSeriesLineLength(18);
        styler.setMarkerSize(7);
        styler.setAntiAlias(true);
        styler.setXAxisDecimalPattern("#,##0.#");
        styler.setYAxisDecimalPattern("#,##0.#");
    }

    /** The report's colours, shared by the charts and the HTML page. */
    static final class Palette {
        static final Color INK = new Color(0x1f2937);
        static final Color MUTED = new Color(0x6b7280);
        static final Color GRID = new Color(0xe5e7eb);
        static final Color BLUE = new Color(0x2563eb);
        static final Color GREEN = new Color(0x16a34a);
        static final Color ORANGE = new Color(0xea580c);
        static final Color PURPLE = new Color(0x7c3aed);
        static final Color TEAL = new Color(0x0d9488);
        static final Color PINK = new Color(0xdb2777);
        static final Color RED = new Color(0xdc2626);
        static final Color AMBER = new Color(0xd97706);
        static final Color SLATE = new Color(0x475569);
        static final Color[] LINES = {BLUE, GREEN, ORANGE, PURPLE, TEAL, PINK};

        private Palette() {
        }
    }

    static void antialias(Graphics2D g) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    }
}
