package io.firedrill.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.firedrill.drill.DrillResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import static io.firedrill.report.AllureResults.categoriesOf;
import static io.firedrill.report.AllureResults.labels;
import static io.firedrill.report.AllureResults.parameter;
import static org.assertj.core.api.Assertions.assertThat;

class AllureDrillReporterTest {

    @TempDir
    Path reports;

    private Path results() {
        return reports.resolve("allure-results");
    }

    @Test
    void aDrillIsOneTestWithItsLabelsFromTheScenario() {
        new DrillReports(reports).publish(SampleDrills.primaryOutagePass());

        assertThat(AllureResults.testResults(results())).hasSize(1);
        JsonNode test = AllureResults.single(results(), "primary-outage");
        assertThat(test.path("status").asText()).isEqualTo("passed");
        assertThat(labels(test, "epic")).containsExactly("DR drills");
        assertThat(labels(test, "feature")).containsExactly("Cluster outage", "Restore");
        assertThat(labels(test, "story")).containsExactly("primary-outage");
        assertThat(labels(test, "severity")).containsExactly("critical");
        assertThat(labels(test, "tag")).containsExactly("smoke", "outage");
        assertThat(test.path("start").asLong()).isEqualTo(SampleDrills.STARTED);
        assertThat(test.path("stop").asLong() - test.path("start").asLong()).isEqualTo(48_600);
        assertThat(test.path("descriptionHtml").asText()).contains("every bound held", "RTO: groups processing again");
    }

    @Test
    void theDrillsStepsAreAllureStepsWithTheirTimesOutcomesAndStatusTracker() {
        DrillResult drill = SampleDrills.primaryOutagePass();
        new DrillReports(reports).publish(drill);

        JsonNode steps = AllureResults.single(results(), "primary-outage").path("steps");
        assertThat(steps).hasSize(drill.steps().size());
        JsonNode failover = steps.get(5);
        assertThat(failover.path("name").asText()).isEqualTo("6. failover: { to: backup }");
        assertThat(failover.path("status").asText()).isEqualTo("passed");
        assertThat(failover.path("start").asLong()).isEqualTo(SampleDrills.STARTED + SampleDrills.DETECTED_MS);
        assertThat(failover.path("stop").asLong()).isEqualTo(SampleDrills.STARTED + SampleDrills.FAILOVER_MS);
        assertThat(parameter(failover, "consumers read from")).isEqualTo("backup cluster");
        assertThat(parameter(failover, "data location")).isEqualTo("backup cluster");
        assertThat(parameter(failover, "replication")).isEqualTo("stopped (primary down)");
        assertThat(parameter(steps.get(4), "condition")).isEqualTo("disaster-detected within 60s");
    }

    @Test
    void theHeadlineFiguresAreParametersWithTheirBounds() {
        new DrillReports(reports).publish(SampleDrills.primaryOutagePass());

        JsonNode test = AllureResults.single(results(), "primary-outage");
        assertThat(parameter(test, "RTO: groups processing again")).isEqualTo("3.3 s (bound ≤ 30s)");
        assertThat(parameter(test, "RTO: detection")).isEqualTo("850 ms");
        assertThat(parameter(test, "RPO: time span")).isEqualTo("120 ms (bound ≤ 2s)");
        assertThat(parameter(test, "RPO: lost acknowledged records")).isEqualTo("3 (bound ≤ 10)");
        assertThat(parameter(test, "Consumer duplicates")).isEqualTo("812 (bound ≤ 5000)");
        assertThat(parameter(test, "Max replication lag")).isEqualTo("18 records / 22 ms");
        assertThat(parameter(test, "Restore")).isEqualTo("16,210 in 6.3 s");
        assertThat(parameter(test, "Kafka primary")).isEqualTo("4.3.1");
        assertThat(parameter(test, "Kafka backup")).isEqualTo("4.3.1");
        assertThat(parameter(test, "Kafka MirrorMaker")).isEqualTo("4.3.1");
        test.path("parameters").forEach(p -> assertThat(p.path("excluded").asBoolean())
                .as("figures are not part of the test's identity: %s", p).isTrue());
    }

    @Test
    void attachmentsCarryTheProcessTableSummaryChartsAndTrend() throws IOException {
        DrillReports.Published published = new DrillReports(reports).publish(SampleDrills.primaryOutagePass());

        JsonNode test = AllureResults.single(results(), "primary-outage");
        List<String> names = new ArrayList<>();
        for (JsonNode a : test.path("attachments")) {
            names.add(a.path("name").asText() + " [" + a.path("type").asText() + "]");
            Path file = results().resolve(a.path("source").asText());
            assertThat(file).isRegularFile();
            assertThat(Files.size(file)).isPositive();
        }
        assertThat(names).containsExactly(
                "Process table and status tracker [text/html]",
                "summary.json [application/json]",
                "Chart: Produce and consume rate [image/png]",
                "Chart: Replication lag (primary → backup) [image/png]",
                "Chart: Consumer position per cluster [image/png]",
                "Readiness and trend [text/html]",
                "Trend: First recorded run of primary-outage [image/png]");
        String summarySource = test.path("attachments").get(1).path("source").asText();
        assertThat(results().resolve(summarySource)).hasSameTextualContentAs(published.summaryJson());
        String table = Files.readString(results().resolve(test.path("attachments").get(0).path("source").asText()));
        assertThat(table).contains("Status tracker after the step", "failover: { to: backup }", "stopped (primary down)");
    }

    @Test
    void aFailedDrillFailsWithOneLinePerBrokenBoundAndFallsInItsCategories() {
        new DrillReports(reports).publish(SampleDrills.replicationLagOutageFail());

        JsonNode test = AllureResults.single(results(), "replication-lag-outage");
        assertThat(test.path("status").asText()).isEqualTo("failed");
        assertThat(test.path("statusDetails").path("message").asText()).isEqualTo("""
                FAIL: 4 bounds broken
                [lost-acked-records] measured 37, bound 10: 37 acknowledged records of orders missing on the backup
                [rpo] measured 2.6s, bound 2s: lost records span 2.6 s of send time
                [rto] measured 41.2s, bound 30s: group billing processed again 41.2 s after the disaster
                [consumer-duplicates] measured 7420, bound 5000: group billing re-read 7,420 records""");
        assertThat(categoriesOf(results(), test))
                .containsExactly("Data lost", "RTO breached", "Duplicates over budget");
        assertThat(labels(test, "feature")).containsExactly("Cluster outage", "Replication faults", "Restore");
        assertThat(parameter(test, "RTO: groups processing again")).isEqualTo("41.2 s (bound ≤ 30s, BROKEN)");
    }

    @Test
    void aDrillThatDidNotPassCarriesTheLogTails() throws IOException {
        new DrillReports(reports).publish(SampleDrills.replicationLagOutageFail());

        JsonNode test = AllureResults.single(results(), "replication-lag-outage");
        List<JsonNode> logs = new ArrayList<>();
        test.path("attachments").forEach(a -> {
            if (a.path("name").asText().startsWith("Log tail: ")) {
                logs.add(a);
            }
        });
        assertThat(logs).extracting(a -> a.path("name").asText())
                .containsExactly("Log tail: broker primary-0", "Log tail: mirrormaker");
        assertThat(logs).allSatisfy(a -> assertThat(a.path("type").asText()).isEqualTo("text/plain"));
        assertThat(Files.readString(results().resolve(logs.get(1).path("source").asText())))
                .startsWith("# reports/drills/primary-outage/logs/mirrormaker.log\n")
                .contains("failed to send record to orders");
    }

    @Test
    void aDrillThatCouldNotRunIsBrokenAndAnInfrastructureError() {
        new DrillReports(reports).publish(SampleDrills.mirrorMakerError());

        JsonNode test = AllureResults.single(results(), "mirrormaker-restart");
        assertThat(test.path("status").asText()).isEqualTo("broken");
        assertThat(test.path("statusDetails").path("message").asText())
                .startsWith("ERROR: the drill could not run: MirrorMaker 2 did not become healthy within 60s");
        assertThat(categoriesOf(results(), test)).containsExactly("Infrastructure error");
        JsonNode awaitStep = test.path("steps").get(0);
        assertThat(awaitStep.path("status").asText()).isEqualTo("broken");
        assertThat(awaitStep.path("statusDetails").path("message").asText()).contains("timed out after 60.0 s");
        assertThat(test.path("steps").get(1).path("status").asText()).isEqualTo("skipped");
        assertThat(labels(test, "feature")).containsExactly("Steady state");
    }

    @Test
    void aPassingDrillMatchesNoFailureCategory() {
        new DrillReports(reports).publish(SampleDrills.primaryOutagePass());

        assertThat(categoriesOf(results(), AllureResults.single(results(), "primary-outage"))).isEmpty();
    }

    @Test
    void theEnvironmentNamesKafkaBackendJvmAndMachineAndKeepsEveryBackendOfTheBatch() throws IOException {
        DrillReports drillReports = new DrillReports(reports);
        drillReports.publish(SampleDrills.primaryOutagePass());
        DrillResult d = SampleDrills.replicationLagOutageFail();
        drillReports.publish(SampleDrills.copy(d).backend("testcontainers").build());

        Properties env = new Properties();
        try (var in = Files.newBufferedReader(results().resolve("environment.properties"), StandardCharsets.UTF_8)) {
            env.load(in);
        }
        assertThat(env.getProperty("kafka.version")).isEqualTo("4.3.1");
        assertThat(env.getProperty("backend")).isEqualTo("process | testcontainers");
        assertThat(env.getProperty("jvm")).contains(System.getProperty("java.version").split("\\.")[0]);
        assertThat(env.getProperty("os")).startsWith(System.getProperty("os.name"));
        assertThat(env.getProperty("machine")).contains(Runtime.getRuntime().availableProcessors() + " CPUs");
        JsonNode executor = new ObjectMapper().readTree(results().resolve("executor.json").toFile());
        assertThat(executor.path("reportName").asText()).isEqualTo("Firedrill DR drills");
    }

    @Test
    void thePreviousReportsHistoryIsCarriedIntoTheResults() throws IOException {
        Path history = Files.createDirectories(reports.resolve("allure-report/history"));
        Files.writeString(history.resolve("history-trend.json"), "[{\"buildOrder\":7,\"data\":{\"passed\":3}}]");

        new DrillReports(reports).publish(SampleDrills.primaryOutagePass());

        assertThat(results().resolve("history/history-trend.json"))
                .hasContent("[{\"buildOrder\":7,\"data\":{\"passed\":3}}]");
    }
}
