package io.firedrill.report;

import io.firedrill.drill.DrillOptions;
import io.firedrill.drill.DrillListener;
import io.firedrill.drill.DrillResult;
import io.firedrill.drill.DrillRunner;
import io.firedrill.scenario.ScenarioParser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reports of a REAL drill (brokers, MirrorMaker 2, a primary outage and a failover), published
 * as {@code drill run} publishes them, the Allure report generated with README's command, and both
 * report.html and the Allure test page rendered in headless Chromium.
 */
class RealDrillReportIT {

    private static HeadlessChromium chromium;

    @TempDir
    Path reports;

    @BeforeAll
    static void tools() {
        chromium = HeadlessChromium.assumeReadyForAllure();
    }

    @Test
    void aRealFailoverDrillShowsItsStepsAndRtoInBothReports() {
        DrillResult result = new DrillRunner(DrillOptions.defaults().withReports(reports))
                .run(ScenarioParser.load(Path.of("src/test/resources/cli-drills/quick-failover.yaml")), DrillListener.SILENT);
        assertThat(result.verdict()).as("verdict (error: %s)", result.error()).isEqualTo(DrillResult.Verdict.PASS);
        assertThat(result.rto().firstConsumeMs()).isPositive();
        new DrillReports(reports).publish(result);

        RenderedReports.Page html = RenderedReports.drillReport(chromium, reports, result.scenario(),
                RenderedReports.screenshotDir().resolve("real-report-html-" + result.scenario() + ".png"));
        RenderedReports.assertShowsDrill(html, result);

        Path allure = AllureReportCommand.generate(reports);
        RenderedReports.Page page = RenderedReports.allureTestPage(chromium, allure, result.scenario(),
                RenderedReports.screenshotDir().resolve("real-allure-" + result.scenario() + ".png"));
        RenderedReports.assertShowsDrill(page, result);
        assertThat(page.dom()).contains("failover: { to: backup }", "RTO: groups processing again");
    }
}
