package io.firedrill.report;

import io.firedrill.drill.DrillResult;
import io.firedrill.drill.DrillResult.StepRecord;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class DrillReportHtmlTest {

    @Test
    void thePageNeedsNothingFromTheNetwork() {
        String html = render(SampleDrills.primaryOutagePass());

        assertThat(html).doesNotContainPattern("(?i)(src|href)\\s*=\\s*\"(https?:)?//");
        assertThat(html).doesNotContain("<script", "<link", "@import", "url(http");
        Matcher images = Pattern.compile("<img src=\"([^\"]{0,30})").matcher(html);
        int count = 0;
        while (images.find()) {
            assertThat(images.group(1)).startsWith("data:image/png;base64,");
            count++;
        }
        assertThat(count).as("the three drill charts").isEqualTo(3);
        assertThat(html).contains("@media print", "<meta charset=\"utf-8\">");
    }

    @Test
    void eachRedirectedClientsTimeAfterTheFlipIsATableRowAndAStuckOneSaysNever() {
        String html = render(SampleDrills.redirectedFailoverWithAStuckGroup());

        assertThat(html).contains("<h2>Clients after the address flip</h2>");
        assertThat(row(html, "mono\">producer-1-orders</td>")).contains("<td>5</td>", "<td>backup</td>", "<td>producer</td>", "303 ms");
        assertThat(row(html, "mono\">billing</td>")).contains("<td>group</td>", "<strong>never</strong>");
        assertThat(row(html, "mono\">streams</td>")).contains("<td>application</td>", "1.5 s");
        assertThat(render(SampleDrills.primaryOutagePass())).doesNotContain("Clients after the address flip");
    }

    @Test
    void theBannerAndFiguresShowTheVerdictAndEachFigureAgainstItsBound() {
        String html = render(SampleDrills.primaryOutagePass());

        assertThat(html).contains("<div class=\"banner PASS\"><div class=\"verdict\">PASS</div>",
                "Every bound held (7 checked).", "Kafka 4.3.1", "backend process", "severity critical",
                "Cluster outage", "#smoke");
        assertThat(row(html, "RTO: groups processing again")).contains("3.3 s", "≤ 30s", "held");
        assertThat(row(html, "Lost acknowledged records")).contains(">3<", "≤ 10", "held");
        assertThat(row(html, "Detection")).contains("850 ms", "no bound");
        assertThat(row(html, "Duplicates")).contains("812", "≤ 5000");
        assertThat(row(html, "Reordered")).contains("per-key order");
        assertThat(row(html, "Restored records")).contains("16,210", "all records", "(complete)");
        assertThat(html).contains("Ledger: sent <strong>17,050</strong>");
    }

    @Test
    void theTimelineHasEveryStepWithItsStatusTrackerAndDuration() {
        DrillResult drill = SampleDrills.primaryOutagePass();
        String html = render(drill);

        assertThat(html).contains("<th class=\"num\">Step</th><th>Action</th><th>Condition</th><th>Result</th>"
                + "<th>Notes</th>", "<th>Data location</th><th>Replication</th><th>Consumers read from</th>",
                "<th class=\"num\">Started</th><th class=\"num\">Duration</th>");
        for (StepRecord step : drill.steps()) {
            assertThat(html).contains("<td><strong>" + step.action() + "</strong></td>");
        }
        String failover = row(html, "<strong>failover: { to: backup }</strong>");
        assertThat(failover).contains("backup cluster", "stopped (primary down)", "14.0 s", "1.6 s",
                "billing resumed at translated offsets");
    }

    @Test
    void whereTheTimeWentShowsEveryPhase() {
        String html = render(SampleDrills.primaryOutagePass());

        assertThat(html).contains("Clusters and proxies up: <strong>4.2 s</strong>",
                "Replication started: <strong>6.3 s</strong>", "Drill steps: <strong>34.2 s</strong>",
                "Ledger check: <strong>2.1 s</strong>", "Teardown: <strong>1.8 s</strong>");
    }

    @Test
    void theApplicationsSectionShowsEachApplicationsCountsLatencyPerPhaseAndItsOutput() {
        String html = render(SampleDrills.primaryOutageWithApplication());

        assertThat(html).contains("<h2>Applications</h2>", "<h3>billing</h3>", "java -jar billing.jar",
                "<td>1210</td><td>1200</td><td>7</td><td>35</td><td>0</td><td>0</td>",
                "<tr><td>during</td><td>300</td><td>7</td><td>35</td><td>3400 ms</td><td>5100 ms</td></tr>",
                "<td>after</td><td>500</td><td>0</td><td>0</td><td>7 ms</td><td>—</td>",
                "href=\"applications/billing.log\"", "billing &lt;stopped&gt; &amp; restarted",
                "application billing lost 7 of 1200");
        assertThat(render(SampleDrills.primaryOutagePass())).doesNotContain("<h2>Applications</h2>");
    }

    @Test
    void aFailedDrillSaysWhatBrokeWithFigureAndBoundAndShowsItsLogs() {
        String html = render(SampleDrills.replicationLagOutageFail());

        assertThat(html).contains("<div class=\"banner FAIL\">", "4 bounds broken.", "What broke",
                "<strong>rto</strong>: measured <strong>41.2s</strong>, bound 30s",
                "<strong>lost-acked-records</strong>: measured <strong>37</strong>, bound 10",
                "Log tails", "broker primary-0", "TimeoutException &lt;&amp;&gt; &quot;quoted&quot;");
        assertThat(row(html, "RTO: groups processing again")).contains("broken");
        assertThat(row(html, "Skipped")).contains("held");
    }

    @Test
    void aDrillThatCouldNotRunSaysWhyWithoutChartsAndWithItsLogs() {
        String html = render(SampleDrills.mirrorMakerError());

        assertThat(html).contains("<div class=\"banner ERROR\">", "Why the drill could not run",
                "Missing required configuration &quot;primary.bootstrap.servers&quot;", "Log tails",
                "timed out after 60.0 s", "No records were accounted for.");
        assertThat(html).doesNotContain("<h2>Charts</h2>", "<img ");
        assertThat(row(html, "RTO: groups processing again")).contains("not measured");
    }

    @Test
    void textFromTheDrillIsEscaped() {
        DrillResult d = SampleDrills.primaryOutagePass();
        StepRecord evil = new StepRecord(1, "<script>alert(1)</script>", null, "a & b", null, 0, 1,
                DrillResult.StepStatus.PASSED, null);
        DrillResult drill = SampleDrills.copy(d).description("<b>bold</b>").steps(List.of(evil)).build();

        String html = render(drill);

        assertThat(html).doesNotContain("<script>", "<b>bold</b>")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;b&gt;bold&lt;/b&gt;", "a &amp; b");
    }

    private static String render(DrillResult drill) {
        List<ChartImage> charts = DrillCharts.of(drill).stream().map(ChartImage::of).toList();
        return DrillReportHtml.render(drill, charts, List.of(), Optional.empty(), List.of());
    }

    /** The first table row holding {@code cell}. */
    private static String row(String html, String cell) {
        int at = html.indexOf(cell, html.indexOf("<tbody>"));
        assertThat(at).as("a row with %s", cell).isNotNegative();
        return html.substring(html.lastIndexOf("<tr", at), html.indexOf("</tr>", at));
    }
}
