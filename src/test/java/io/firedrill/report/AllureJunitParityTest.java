package io.firedrill.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.firedrill.drill.DrillResult;
import io.qameta.allure.Allure;
import io.qameta.allure.AllureLifecycle;
import io.qameta.allure.FileSystemResultsWriter;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * The JUnit suite and {@code drill run} must show a drill the same way in Allure. This runs a
 * real {@code @TestFactory} dynamic test under the JUnit Platform with allure-junit5 listening,
 * written the way the drill suite is meant to be written ({@link DrillSuite}), and compares its
 * Allure result with the one the CLI path writes for the same drill.
 */
class AllureJunitParityTest {

    private static final Set<String> DRILL_LABELS = Set.of("epic", "feature", "story", "severity", "tag",
            "parentSuite", "suite", "subSuite");

    @TempDir
    Path tmp;

    @Test
    void aJunitDynamicTestCarriesTheDrillAsTheCliWritesIt() {
        for (DrillResult drill : List.of(SampleDrills.primaryOutagePass(), SampleDrills.replicationLagOutageFail(),
                SampleDrills.mirrorMakerError())) {
            Path cliReports = tmp.resolve("cli-" + drill.scenario());
            new DrillReports(cliReports).publish(drill);
            JsonNode cli = AllureResults.single(cliReports.resolve("allure-results"), drill.scenario());

            JsonNode junit = runAsJunitDynamicTest(drill, tmp.resolve("junit-" + drill.scenario()));

            assertThat(AllureResults.labels(junit, "framework")).as("written by allure-junit5")
                    .containsExactly("junit-platform");

            for (String field : List.of("name", "fullName", "historyId", "testCaseId", "status", "description",
                    "descriptionHtml")) {
                assertThat(junit.path(field)).as("%s of %s", field, drill.scenario()).isEqualTo(cli.path(field));
            }
            assertThat(junit.path("statusDetails").path("message"))
                    .isEqualTo(cli.path("statusDetails").path("message"));
            assertThat(drillLabels(junit)).isEqualTo(drillLabels(cli));
            assertThat(junit.path("parameters")).isEqualTo(cli.path("parameters"));
            assertThat(junit.path("steps")).isEqualTo(cli.path("steps"));
            assertThat(attachmentNames(junit)).isEqualTo(attachmentNames(cli)).isNotEmpty();
        }
    }

    @Test
    void oneDrillRunInJunitLeavesOneResultAndTheFilesOfTheCli() {
        DrillResult drill = SampleDrills.primaryOutagePass();
        Path reports = tmp.resolve("junit");

        runAsJunitDynamicTest(drill, reports);

        Path results = reports.resolve("allure-results");
        assertThat(AllureResults.testResults(results)).hasSize(1);
        assertThat(results.resolve("environment.properties")).isRegularFile();
        assertThat(results.resolve("categories.json")).isRegularFile();
        assertThat(reports.resolve("drills/primary-outage/summary.json")).isRegularFile();
        assertThat(reports.resolve("drills/primary-outage/report.html")).isRegularFile();
        assertThat(reports.resolve("history/primary-outage.jsonl")).isRegularFile();
    }

    private static JsonNode runAsJunitDynamicTest(DrillResult drill, Path reports) {
        Path results = reports.resolve("allure-results");
        AllureLifecycle previous = Allure.getLifecycle();
        // allure-junit5's listener takes Allure's lifecycle when the launcher creates it
        Allure.setLifecycle(new AllureLifecycle(new FileSystemResultsWriter(results)));
        try {
            DrillSuite.drill = drill;
            DrillSuite.reports = reports;
            DrillSuite.results = results;
            SummaryGeneratingListener summary = new SummaryGeneratingListener();
            LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
                    .selectors(selectClass(DrillSuite.class)).build(), summary);
            assertThat(summary.getSummary().getTestsFoundCount()).isEqualTo(1);
        } finally {
            Allure.setLifecycle(previous);
            DrillSuite.drill = null;
        }
        return AllureResults.single(results, drill.scenario());
    }

    private static ArrayNode drillLabels(JsonNode result) {
        ArrayNode labels = JsonNodeFactory.instance.arrayNode();
        result.path("labels").forEach(l -> {
            if (DRILL_LABELS.contains(l.path("name").asText())) {
                labels.add(l);
            }
        });
        return labels;
    }

    private static List<String> attachmentNames(JsonNode result) {
        return result.path("attachments").findValuesAsText("name").stream().toList();
    }

    /** The drill suite's shape: one dynamic test per drill, reports published from inside it. */
    static class DrillSuite {
        static DrillResult drill;
        static Path reports;
        static Path results;

        @TestFactory
        Stream<DynamicTest> drills() {
            return Stream.ofNullable(drill).map(d -> DynamicTest.dynamicTest(d.scenario(), () -> {
                new DrillReports(reports).publishInto(Allure.getLifecycle(), results, d);
                AllureDrillReporter.assertPassed(d);
            }));
        }
    }
}
