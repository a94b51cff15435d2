package io.firedrill.report;

import io.firedrill.drill.DrillResult;
import io.firedrill.drill.DrillResult.Status;
import io.firedrill.drill.DrillResult.StepRecord;

import java.util.List;

/**
 * The drill's DR process table: one row per step with what it did, the condition it waited
 * for, what came of it, and the status tracker after it (where the data is, how replication is,
 * where consumers read). Shared by report.html and the Allure attachment.
 */
public final class ProcessTableHtml {

    private ProcessTableHtml() {
    }

    /** The table alone, for embedding in a page that carries the stylesheet. */
    public static String table(DrillResult result) {
        List<StepRecord> steps = SummaryJson.list(result.steps());
        if (steps.isEmpty()) {
            return "<p class=\"muted\">The drill stopped before its first step.</p>";
        }
        StringBuilder rows = new StringBuilder();
        for (StepRecord s : steps) {
            Status st = s.status() == null ? new Status(null, null, null) : s.status();
            String outcome = s.outcome() == null ? "" : s.outcome().name();
            rows.append("<tr class=\"step-").append(outcome).append("\">")
                    .append("<td class=\"num\">").append(s.index()).append("</td>")
                    .append("<td><strong>").append(Html.esc(s.action())).append("</strong></td>")
                    .append("<td>").append(Html.orDash(s.condition())).append("</td>")
                    .append("<td>").append(outcome.isEmpty() ? "" : "<span class=\"pill " + outcome + "\">"
                            + outcome.toLowerCase(java.util.Locale.ROOT) + "</span> ")
                    .append(Html.orDash(s.result())).append("</td>")
                    .append("<td class=\"small\">").append(Html.orDash(s.notes())).append("</td>")
                    .append("<td class=\"tracker\">").append(Html.orDash(st.data_location())).append("</td>")
                    .append("<td class=\"tracker\">").append(Html.orDash(st.replication_status())).append("</td>")
                    .append("<td class=\"tracker\">").append(Html.orDash(st.consumer_target())).append("</td>")
                    .append("<td class=\"num\">").append(ReportFormat.offset(s.startedAtMs())).append("</td>")
                    .append("<td class=\"num\">").append(ReportFormat.duration(s.endedAtMs() - s.startedAtMs()))
                    .append("</td></tr>\n");
        }
        return """
                <div class="table-scroll"><table class="timeline">
                <thead>
                <tr><th colspan="5"></th><th colspan="3" class="group">Status tracker after the step</th><th colspan="2"></th></tr>
                <tr><th class="num">Step</th><th>Action</th><th>Condition</th><th>Result</th><th>Notes</th>
                <th>Data location</th><th>Replication</th><th>Consumers read from</th>
                <th class="num">Started</th><th class="num">Duration</th></tr>
                </thead>
                <tbody>
                %s</tbody>
                </table></div>
                """.formatted(rows);
    }

    /** A page of its own (the Allure attachment): the table under the drill's name and verdict. */
    public static String page(DrillResult result) {
        return Html.page(result.scenario() + ": DR process table",
                "<main><section class=\"long\"><h2>" + Html.esc(result.scenario()) + " <span class=\"pill "
                        + result.verdict() + "\">" + result.verdict() + "</span></h2>"
                        + "<p class=\"muted\">The drill's steps in order with the status tracker after each."
                        + " Times count from the drill's start.</p>"
                        + table(result) + "</section></main>");
    }
}
