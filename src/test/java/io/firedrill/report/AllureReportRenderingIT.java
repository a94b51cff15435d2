package io.firedrill.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.firedrill.drill.DrillResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Allure report as managers open it: drills published the way {@code drill run} publishes
 * them, the report generated with the README's {@code mvn -B allure:report} from a clean report
 * folder, served on 127.0.0.1 and rendered by headless Chromium. Slow: each generation runs Maven
 * and the Allure commandline.
 */
class AllureReportRenderingIT {

    private static HeadlessChromium chromium;

    @TempDir
    Path reports;

    @BeforeAll
    static void tools() {
        chromium = HeadlessChromium.assumeReadyForAllure();
    }

    @Test
    void eachDrillIsATestPageWithItsStepsAndRtoAndTheTrendCarriesOver() throws IOException {
        DrillReports drillReports = new DrillReports(reports);
        List<DrillResult> drills = List.of(SampleDrills.primaryOutagePass(SampleDrills.STARTED - 86_400_000L),
                SampleDrills.replicationLagOutageFail(), SampleDrills.mirrorMakerError());
        drills.forEach(drillReports::publish);

        Path report = AllureReportCommand.generate(reports);

        for (DrillResult drill : drills) {
            RenderedReports.Page page = RenderedReports.allureTestPage(chromium, report, drill.scenario(),
                    RenderedReports.screenshotDir().resolve("allure-" + drill.scenario() + ".png"));
            RenderedReports.assertShowsDrill(page, drill);
            assertThat(page.dom()).contains("Process table and status tracker", "summary.json",
                    "RTO: groups processing again");
        }
        ObjectMapper json = new ObjectMapper();
        JsonNode summary = json.readTree(report.resolve("widgets/summary.json").toFile());
        assertThat(summary.path("reportName").asText()).isEqualTo("Firedrill DR drills");
        assertThat(summary.path("statistic").path("passed").asInt()).isEqualTo(1);
        assertThat(summary.path("statistic").path("failed").asInt()).isEqualTo(1);
        assertThat(summary.path("statistic").path("broken").asInt()).isEqualTo(1);
        JsonNode categories = json.readTree(report.resolve("data/categories.json").toFile());
        assertThat(categories.path("children").findValuesAsText("name"))
                .contains("Data lost", "RTO breached", "Duplicates over budget", "Infrastructure error");
        JsonNode behaviors = json.readTree(report.resolve("data/behaviors.json").toFile());
        assertThat(behaviors.path("children").findValuesAsText("name")).contains("DR drills");
        assertThat(behaviors.path("children").get(0).path("children").findValuesAsText("name"))
                .contains("Cluster outage", "Replication faults", "Restore");
        JsonNode environment = json.readTree(report.resolve("widgets/environment.json").toFile());
        assertThat(environment.findValuesAsText("name")).contains("kafka.version", "backend", "jvm", "machine");

        // the next run of the batch: its results carry the report's history, so the trend grows
        drillReports.publish(SampleDrills.primaryOutagePass());
        AllureReportCommand.generate(reports);
        JsonNode trend = json.readTree(report.resolve("history/history-trend.json").toFile());
        assertThat(trend).hasSize(2);
        JsonNode history = json.readTree(report.resolve("history/history.json").toFile());
        String passId = io.qameta.allure.util.ResultsUtils.md5("firedrill-drill:primary-outage");
        assertThat(history.path(passId).path("items").size()).isGreaterThanOrEqualTo(2);
    }
}
