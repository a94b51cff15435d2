package io.firedrill.report;

import io.firedrill.drill.DrillResult;
import io.firedrill.drill.DrillResult.LogTail;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a drill's Allure test carries besides its steps, rendered once: the process table with
 * its status tracker, summary.json, the charts, the trend with the readiness table, and the log
 * tails when the drill did not pass.
 */
public record DrillArtifacts(String processTableHtml, String summaryJson, List<ChartImage> charts,
                             Optional<String> readinessHtml, Optional<ChartImage> trend) {

    /** One attachment as Allure files it. */
    public record Item(String name, String type, String extension, byte[] content) {}

    public static DrillArtifacts of(DrillResult result, List<ChartImage> charts, Optional<String> readinessHtml,
                                    Optional<ChartImage> trend) {
        return new DrillArtifacts(ProcessTableHtml.page(result), SummaryJson.toJson(result), charts,
                readinessHtml, trend);
    }

    public List<Item> items(DrillResult result) {
        List<Item> items = new ArrayList<>();
        items.add(new Item("Process table and status tracker", "text/html", "html",
                AllureDrillReporter.utf8(processTableHtml)));
        items.add(new Item("summary.json", "application/json", "json", AllureDrillReporter.utf8(summaryJson)));
        ReplicationSettingsHtml.of(result).ifPresent(html -> items.add(new Item("Replication settings", "text/html", "html",
                AllureDrillReporter.utf8("<html><body>" + html + "</body></html>"))));
        for (ChartImage chart : charts) {
            items.add(new Item("Chart: " + chart.chart().title(), "image/png", "png", chart.png()));
        }
        readinessHtml.ifPresent(html -> items.add(new Item("Readiness and trend", "text/html", "html",
                AllureDrillReporter.utf8(html))));
        trend.ifPresent(chart -> items.add(new Item("Trend: " + chart.chart().title(), "image/png", "png",
                chart.png())));
        for (LogTail tail : AllureDrillReporter.logTailsToAttach(result)) {
            items.add(new Item("Log tail: " + tail.process(), "text/plain", "log", AllureDrillReporter.utf8(
                    "# " + tail.path() + "\n" + String.join("\n", SummaryJson.list(tail.lines())) + "\n")));
        }
        return items;
    }
}
