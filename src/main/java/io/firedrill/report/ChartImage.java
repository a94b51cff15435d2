package io.firedrill.report;

/** A chart and its PNG, rendered once and shown by every report that needs it. */
public record ChartImage(DrillChart chart, byte[] png) {

    public static ChartImage of(DrillChart chart) {
        return new ChartImage(chart, chart.png());
    }
}
