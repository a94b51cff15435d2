package io.firedrill.report;

import io.firedrill.drill.DrillResult.ApplicationFigures;
import io.firedrill.drill.DrillResult.ApplicationPhase;

import java.util.List;

/**
 * The report's section on the team's applications: per application what went in and what came
 * out (lost, extra copies, changed, foreign), latency per phase, a link to its captured output and
 * its last lines.
 */
final class ApplicationsHtml {

    private ApplicationsHtml() {
    }

    static String section(List<ApplicationFigures> applications) {
        StringBuilder html = new StringBuilder("<p class=\"muted small\">Records the harness fed each application and"
                + " read back from its output. Lost: acknowledged input never seen on the output. Phases by send time:"
                + " before, during and after the drill's faults, failover and failback.</p>\n");
        for (ApplicationFigures app : applications) {
            html.append("<h3>").append(Html.esc(app.name())).append("</h3>\n<p class=\"mono small\">")
                    .append(Html.esc(app.command())).append("</p>\n")
                    .append("<table><tr><th>sent</th><th>acknowledged</th><th>lost</th><th>duplicated</th><th>changed</th>"
                            + "<th>foreign</th></tr><tr>")
                    .append(cell(app.sent())).append(cell(app.acked())).append(cell(app.lost())).append(cell(app.duplicated()))
                    .append(cell(app.changed())).append(cell(app.foreign())).append("</tr></table>\n")
                    .append("<table><tr><th>phase</th><th>acknowledged</th><th>lost</th><th>duplicated</th>"
                            + "<th>latency p50</th><th>latency p99</th></tr>\n");
            for (ApplicationPhase phase : SummaryJson.list(app.phases())) {
                html.append("<tr><td>").append(Html.esc(phase.phase())).append("</td>").append(cell(phase.acked()))
                        .append(cell(phase.lost())).append(cell(phase.duplicated())).append(ms(phase.p50Ms()))
                        .append(ms(phase.p99Ms())).append("</tr>\n");
            }
            String log = ReportFiles.applicationLog(app.name());
            html.append("</table>\n<p><a href=\"").append(Html.esc(log)).append("\">its output (stdout and stderr)</a></p>\n")
                    .append("<pre class=\"mono\">").append(Html.esc(String.join("\n", SummaryJson.list(app.logTail()))))
                    .append("</pre>\n");
        }
        return html.toString();
    }

    private static String cell(long value) {
        return "<td>" + value + "</td>";
    }

    private static String ms(Long value) {
        return "<td>" + (value == null ? "—" : value + " ms") + "</td>";
    }
}
