package io.firedrill.report;

import io.firedrill.report.DrillHistory.Readiness;
import io.firedrill.report.DrillHistory.RunRecord;

import java.util.List;
import java.util.Optional;

/**
 * Readiness over time, the way a manager asks for it: per scenario, how often the last runs
 * passed and the worst RTO and RPO they saw; per run, its verdict and figures.
 */
public final class ReadinessHtml {

    private ReadinessHtml() {
    }

    /**
     * One row per scenario; {@code current} is highlighted; {@code linkPrefix} leads from the
     * page to the {@code drills/} folder ({@code "../"} from a drill's report, {@code ""} from
     * the index), or null for no links (attachments).
     */
    public static String readinessTable(List<Readiness> scenarios, String current, String linkPrefix) {
        if (scenarios.isEmpty()) {
            return "<p class=\"muted\">No run recorded yet.</p>";
        }
        StringBuilder rows = new StringBuilder();
        for (Readiness r : scenarios) {
            String name = Html.esc(r.scenario());
            String cell = linkPrefix == null ? name
                    : "<a href=\"" + linkPrefix + name + "/report.html\">" + name + "</a>";
            RunRecord last = r.last();
            rows.append("<tr").append(r.scenario().equals(current) ? " class=\"current\"" : "").append(">")
                    .append("<td><strong>").append(cell).append("</strong></td>")
                    .append("<td class=\"num\">").append(ReportFormat.percent(r.passRate())).append("</td>")
                    .append("<td class=\"num\">").append(r.passed()).append(" / ").append(r.runs()).append("</td>")
                    .append("<td class=\"num\">").append(r.failed()).append("</td>")
                    .append("<td class=\"num\">").append(r.errors()).append("</td>")
                    .append("<td class=\"num\">").append(ReportFormat.duration(r.worstRtoMs())).append("</td>")
                    .append("<td class=\"num\">").append(ReportFormat.duration(r.worstRpoMs())).append("</td>")
                    .append("<td class=\"num\">").append(ReportFormat.count(r.worstLostAckedRecords())).append("</td>")
                    .append("<td>").append(verdictPill(last)).append(" <span class=\"small muted\">")
                    .append(last == null ? "" : ReportFormat.when(last.startedAtEpochMs())).append("</span></td>")
                    .append("</tr>\n");
        }
        return """
                <div class="table-scroll"><table class="readiness">
                <thead><tr><th>Scenario</th><th class="num">Pass rate</th><th class="num">Passed</th>
                <th class="num">Failed</th><th class="num">Errors</th><th class="num">Worst RTO</th>
                <th class="num">Worst RPO</th><th class="num">Worst lost acked</th><th>Last run</th></tr></thead>
                <tbody>
                %s</tbody></table></div>
                <p class="small muted">Over each scenario's last %d runs at most. RTO: disaster → groups processing
                again on the new cluster; RPO: span of send time covered by lost acknowledged records.</p>
                """.formatted(rows, DrillHistory.WINDOW);
    }

    /** The scenario's runs, newest first. */
    public static String runsTable(List<RunRecord> runs) {
        StringBuilder rows = new StringBuilder();
        for (int i = runs.size() - 1; i >= 0; i--) {
            RunRecord r = runs.get(i);
            rows.append("<tr><td>").append(ReportFormat.when(r.startedAtEpochMs())).append("</td>")
                    .append("<td>").append(verdictPill(r)).append("</td>")
                    .append("<td class=\"num\">").append(ReportFormat.duration(r.rtoMs())).append("</td>")
                    .append("<td class=\"num\">").append(ReportFormat.duration(r.rpoMs())).append("</td>")
                    .append("<td class=\"num\">").append(ReportFormat.count(r.lostAckedRecords())).append("</td>")
                    .append("<td class=\"num\">").append(ReportFormat.count(r.consumerDuplicates())).append("</td>")
                    .append("<td class=\"num\">").append(ReportFormat.duration(r.restoreMs())).append("</td>")
                    .append("<td class=\"small\">").append(Html.esc(String.join(", ", SummaryJson.list(r.broken()))))
                    .append("</td><td class=\"small muted\">").append(Html.esc(r.backend())).append("</td></tr>\n");
        }
        return """
                <div class="table-scroll"><table class="runs">
                <thead><tr><th>Started</th><th>Verdict</th><th class="num">RTO</th><th class="num">RPO</th>
                <th class="num">Lost acked</th><th class="num">Duplicates</th><th class="num">Restore</th>
                <th>Broken bounds</th><th>Backend</th></tr></thead>
                <tbody>
                %s</tbody></table></div>
                """.formatted(rows);
    }

    /** The history section's body: trend chart, the scenario's runs, and every scenario's readiness. */
    public static String section(String scenario, List<RunRecord> runs, Optional<byte[]> trendPng,
                                 List<Readiness> all, String linkPrefix) {
        String chart = trendPng.map(png -> "<figure><img src=\"" + Html.pngDataUri(png) + "\" alt=\"Trend of "
                + Html.esc(scenario) + " over its last runs\"><figcaption>Shaded runs did not pass.</figcaption></figure>")
                .orElse("");
        String title = runs.size() == 1 ? "first recorded run" : "last " + runs.size() + " runs";
        return "<h3>" + Html.esc(scenario) + ": " + title + "</h3>" + chart + runsTable(runs)
                + "<h3 style=\"margin-top:18px\">Readiness of every scenario</h3>"
                + readinessTable(all, scenario, linkPrefix);
    }

    /** A page of its own: the Allure attachment. */
    public static String page(String scenario, List<RunRecord> runs, Optional<byte[]> trendPng, List<Readiness> all) {
        return Html.page(scenario + ": readiness and trend", "<main><section class=\"long\"><h2>Readiness and trend</h2>"
                + section(scenario, runs, trendPng, all, null) + "</section></main>");
    }

    /** {@code <reports>/drills/index.html}: every scenario's readiness, linking to its latest report. */
    public static String index(List<Readiness> all, long generatedAtEpochMs) {
        long passing = all.stream().filter(r -> r.last() != null
                && r.last().verdict() == io.firedrill.drill.DrillResult.Verdict.PASS).count();
        return Html.page("Firedrill: DR readiness", """
                <main>
                <div class="banner %s"><div class="verdict">%d / %d</div><div><h1>DR readiness</h1>
                <p>Scenarios whose latest drill passed. Each name opens that drill's latest report.</p></div></div>
                <section class="long"><h2>Readiness by scenario</h2>%s</section>
                <footer>Generated by Firedrill at %s</footer>
                </main>""".formatted(passing == all.size() ? "PASS" : "FAIL", passing, all.size(),
                readinessTable(all, null, ""), ReportFormat.when(generatedAtEpochMs)));
    }

    static String verdictPill(RunRecord run) {
        if (run == null || run.verdict() == null) {
            return "";
        }
        return "<span class=\"pill " + run.verdict() + "\">" + run.verdict() + "</span>";
    }
}
