package io.firedrill.report;

import io.firedrill.drill.DrillResult;
import io.qameta.allure.AllureLifecycle;
import io.qameta.allure.FileSystemResultsWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DrillReportsTest {

    @TempDir
    Path reports;

    @Test
    void oneRunWritesEveryReportWhereTheContractSays() throws IOException {
        DrillReports.Published published = new DrillReports(reports).publish(SampleDrills.primaryOutagePass());

        Path drillDir = reports.resolve("drills/primary-outage");
        assertThat(published.summaryJson()).isEqualTo(drillDir.resolve("summary.json")).isRegularFile();
        assertThat(published.reportHtml()).isEqualTo(drillDir.resolve("report.html")).isRegularFile();
        assertThat(published.charts()).containsExactly(drillDir.resolve("traffic.png"),
                drillDir.resolve("replication-lag.png"), drillDir.resolve("consumer-position.png"));
        assertThat(published.historyFile()).isEqualTo(reports.resolve("history/primary-outage.jsonl"));
        assertThat(published.index()).isEqualTo(reports.resolve("drills/index.html"));
        assertThat(published.allureResults()).isEqualTo(reports.resolve("allure-results"));
        assertThat(reports.resolve("allure-results/" + published.allureResultUuid() + "-result.json")).isRegularFile();
        assertThat(Files.readString(published.index())).contains("<a href=\"primary-outage/report.html\">");
    }

    @Test
    void theNextRunReplacesTheLatestReportAndExtendsTheHistory() throws IOException {
        DrillReports drillReports = new DrillReports(reports);
        drillReports.publish(SampleDrills.primaryOutagePass());

        DrillReports.Published second = drillReports.publish(
                SampleDrills.copy(SampleDrills.mirrorMakerError()).scenario("primary-outage").build());

        assertThat(Files.readAllLines(second.historyFile())).hasSize(2);
        assertThat(SummaryJson.read(second.summaryJson()).verdict()).isEqualTo(DrillResult.Verdict.ERROR);
        assertThat(second.charts()).isEmpty();
        try (var pngs = Files.newDirectoryStream(second.reportHtml().getParent(), "*.png")) {
            assertThat(pngs).as("the passing run's charts are gone with it").isEmpty();
        }
        String html = Files.readString(second.reportHtml());
        assertThat(html).contains("primary-outage: last 2 runs", "alt=\"Trend of primary-outage over its last runs\"");
        assertThat(AllureResults.testResults(reports.resolve("allure-results"))).hasSize(2);
    }

    @Test
    void publishingIntoJunitOutsideARunningTestSaysSoAndWritesNothing() {
        AllureLifecycle idle = new AllureLifecycle(new FileSystemResultsWriter(reports.resolve("allure-results")));

        assertThatThrownBy(() -> new DrillReports(reports).publishInto(idle, reports.resolve("allure-results"),
                SampleDrills.primaryOutagePass()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("no Allure test is running on this thread");
        assertThat(reports.resolve("drills")).doesNotExist();
    }
}
