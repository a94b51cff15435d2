package io.firedrill.report;

import io.firedrill.report.DrillChart.Marker;
import io.firedrill.report.DrillChart.Window;
import org.knowm.xchart.internal.chartpart.Annotation;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.util.ArrayList;
import java.util.List;

/**
 * Paints what happened to the cluster over a chart's plot: fault windows as tinted bands
 * labelled at the bottom, and point events (disaster, detection, failover, ...) as dashed lines
 * labelled at the top. Labels that would overlap move to the next row, since the events of a
 * failover often fall within a second of each other.
 */
final class TimelineOverlay extends Annotation {

    private static final Font LABEL = new Font(Font.SANS_SERIF, Font.BOLD, 11);
    private static final int ROW = 17;
    private static final int PAD = 4;

    private final List<Window> windows;
    private final List<Marker> markers;
    private Rectangle2D plotArea = new Rectangle2D.Double();

    TimelineOverlay(List<Window> windows, List<Marker> markers) {
        super(false);
        this.windows = windows;
        this.markers = markers;
    }

    /** The plot surface in pixels, known once the chart has been painted. */
    Rectangle2D plotArea() {
        return plotArea;
    }

    @Override
    public void paint(Graphics2D g) {
        int left = getXAxisScreenValueForMin();
        int right = getXAxisScreenValueForMax();
        int top = getYAxisScreenValueForMin();
        int bottom = getYAxisScreenValueForMax();
        plotArea = new Rectangle2D.Double(left, top, right - left, bottom - top);
        bounds = plotArea;
        DrillChart.antialias(g);
        g.setFont(LABEL);
        FontMetrics fm = g.getFontMetrics();

        List<Integer> windowRowEnds = new ArrayList<>();
        for (Window w : windows) {
            int x1 = clamp(getXAxisScreenValue(w.from()), left, right);
            int x2 = clamp(getXAxisScreenValue(w.to()), left, right);
            if (x2 <= x1) {
                continue;
            }
            g.setColor(alpha(w.color(), 40));
            g.fillRect(x1, top, x2 - x1, bottom - top);
            g.setColor(alpha(w.color(), 140));
            g.setStroke(new BasicStroke(1f));
            g.drawLine(x1, top, x1, bottom);
            g.drawLine(x2, top, x2, bottom);
            int width = fm.stringWidth(w.label());
            int x = Math.min(x1 + PAD, right - width - PAD);
            int row = row(windowRowEnds, x, x + width);
            g.setColor(darker(w.color()));
            g.drawString(w.label(), x, bottom - PAD - row * ROW);
        }

        List<Integer> markerRowEnds = new ArrayList<>();
        for (Marker m : markers) {
            int x = getXAxisScreenValue(m.at());
            if (x < left || x > right) {
                continue;
            }
            g.setColor(m.color());
            g.setStroke(new BasicStroke(1.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                    new float[] {5f, 4f}, 0f));
            g.drawLine(x, top, x, bottom);
            int width = fm.stringWidth(m.label()) + 2 * PAD;
            int boxLeft = clamp(x - width / 2, left, right - width);
            int row = row(markerRowEnds, boxLeft, boxLeft + width);
            int boxTop = top + 2 + row * ROW;
            Shape pill = new RoundRectangle2D.Double(boxLeft, boxTop, width, ROW - 3, 8, 8);
            g.fill(pill);
            g.setColor(Color.WHITE);
            g.drawString(m.label(), boxLeft + PAD, boxTop + ROW - 3 - fm.getDescent() - 1);
        }
    }

    /** The first row whose last label ends left of {@code from}; rows fill top (or bottom) first. */
    private static int row(List<Integer> rowEnds, int from, int to) {
        for (int i = 0; i < rowEnds.size(); i++) {
            if (rowEnds.get(i) + PAD < from) {
                rowEnds.set(i, to);
                return i;
            }
        }
        rowEnds.add(to);
        return rowEnds.size() - 1;
    }

    private static int clamp(int v, int min, int max) {
        return Math.max(min, Math.min(max, v));
    }

    private static Color alpha(Color c, int alpha) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), alpha);
    }

    private static Color darker(Color c) {
        return new Color((int) (c.getRed() * 0.7), (int) (c.getGreen() * 0.7), (int) (c.getBlue() * 0.7));
    }
}
