package io.firedrill.report;

import io.firedrill.drill.DrillResult;
import io.firedrill.drill.DrillResult.FailoverResume;
import io.firedrill.drill.DrillResult.ReplicationFigures;
import io.firedrill.replication.MirrorMakerSettings;
import io.firedrill.replication.MirrorMakerSettings.HarnessSetting;

import java.util.Map;
import java.util.Optional;

/**
 * The "Replication settings" part of a report (report.html and an Allure attachment alike): what
 * MirrorMaker 2 ran with, what Firedrill set over the team's settings and why, and where groups
 * resumed at failover. Values arrive redacted (see {@link MirrorMakerSettings#redacted()}).
 */
final class ReplicationSettingsHtml {

    private ReplicationSettingsHtml() {
    }

    /** The section's content; empty when the drill never started replication. */
    static Optional<String> of(DrillResult result) {
        ReplicationFigures figures = result.replication();
        if (figures == null || figures.settings() == null) {
            return Optional.empty();
        }
        MirrorMakerSettings settings = figures.settings();
        StringBuilder html = new StringBuilder("<p>MirrorMaker 2 ran with the <strong>").append(Html.esc(settings.base()))
                .append("</strong>; Firedrill set only the keys below, each for the reason given.</p>\n");
        if (!settings.warnings().isEmpty()) {
            html.append("<ul class=\"small\">");
            settings.warnings().forEach(w -> html.append("<li>").append(Html.esc(w)).append("</li>"));
            html.append("</ul>\n");
        }
        html.append("<table><thead><tr><th>key set by Firedrill</th><th>value</th><th>why</th></tr></thead><tbody>\n");
        for (HarnessSetting s : settings.harnessSettings()) {
            html.append("<tr><td class=\"mono\">").append(Html.esc(s.key())).append("</td><td class=\"mono\">")
                    .append(Html.esc(s.value()))
                    .append(s.overrode() ? " <span class=\"pill FAIL\">overrode " + Html.esc(settings.givenSettings().get(s.key())) + "</span>" : "")
                    .append("</td><td>").append(Html.esc(s.reason())).append("</td></tr>\n");
        }
        html.append("</tbody></table>\n");
        if (!settings.givenSettings().isEmpty()) {
            html.append("<h3>Given settings (profile and team config)</h3><table><tbody>\n");
            for (Map.Entry<String, String> given : settings.givenSettings().entrySet()) {
                html.append("<tr><td class=\"mono\">").append(Html.esc(given.getKey())).append("</td><td class=\"mono\">")
                        .append(Html.esc(given.getValue())).append("</td></tr>\n");
            }
            html.append("</tbody></table>\n");
        }
        FailoverResume failover = figures.failover();
        if (failover != null) {
            html.append("<h3>Failover offsets: ").append(Html.esc(failover.offsets())).append("</h3><p>Groups resumed at ")
                    .append(Html.esc(failover.label())).append(". Records re-read are those before each group's last"
                            + " commit on the primary; the checker's duplicates count what was really processed twice.</p>\n")
                    .append("<table><thead><tr><th>group</th><th>partition</th><th>offset</th><th>basis</th></tr></thead><tbody>\n");
            for (DrillResult.ResumedGroup group : failover.groups()) {
                html.append("<tr class=\"grouprow\"><td colspan=\"4\">").append(Html.esc(group.group())).append(": ")
                        .append(group.reReadRecords() == null ? "re-reads unknown" : group.reReadRecords() + " records re-read")
                        .append("</td></tr>\n");
                for (DrillResult.ResumedPartition p : group.partitions()) {
                    html.append("<tr><td></td><td class=\"mono\">").append(Html.esc(p.topic() + "-" + p.partition()))
                            .append("</td><td class=\"num\">").append(p.offset()).append("</td><td>").append(Html.esc(p.basis()))
                            .append("</td></tr>\n");
                }
            }
            html.append("</tbody></table>\n");
        }
        return Optional.of(html.toString());
    }
}
