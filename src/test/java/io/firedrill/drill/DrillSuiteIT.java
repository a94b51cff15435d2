package io.firedrill.drill;

import io.firedrill.process.ChildProcesses;
import io.firedrill.report.AllureDrillReporter;
import io.firedrill.report.DrillReports;
import io.firedrill.scenario.ScenarioFile;
import io.firedrill.scenario.ScenarioLibrary;
import io.qameta.allure.Allure;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scenario library as a test suite: one dynamic test per file of {@code scenarios/} whose tags
 * match {@code firedrill.drill.tags} (smoke on every build, all in the nightly profile). Each test
 * runs the drill through the same {@link DrillRunner} as {@code drill run}, publishes the same
 * reports, and passes only when the drill's verdict is PASS (FAIL for a {@code known-finding}).
 */
class DrillSuiteIT {

    private static final Path SCENARIOS = Path.of(System.getProperty("firedrill.home", "."), "scenarios");
    private static final Path REPORTS = Path.of(System.getProperty("firedrill.reports", "reports"));

    @TestFactory
    Stream<DynamicTest> scenarioLibrary() {
        List<String> tags = Arrays.asList(System.getProperty("firedrill.drill.tags", "smoke").split(","));
        DrillRunner runner = new DrillRunner(DrillOptions.defaults().withReports(REPORTS));
        DrillReports reports = new DrillReports(REPORTS);
        return ScenarioLibrary.read(SCENARIOS).stream()
                .map(ScenarioFile::orThrow)
                .filter(scenario -> ScenarioLibrary.selected(scenario, tags))
                .map(scenario -> DynamicTest.dynamicTest(scenario.name() + " " + scenario.tags(), () -> {
                    DrillResult result = runner.run(scenario, new LoggingListener());
                    reports.publishInto(Allure.getLifecycle(), result);
                    assertThat(ChildProcesses.live()).as("processes the drill left running").isEmpty();
                    if (scenario.hasTag(ScenarioLibrary.KNOWN_FINDING)) {
                        // it measured the weakness it exists to show: a FAIL with its failures, not an ERROR
                        assertThat(result.verdict()).as("a known finding's verdict (error: %s)", result.error())
                                .isEqualTo(DrillResult.Verdict.FAIL);
                        assertThat(result.failures()).isNotEmpty();
                    } else {
                        AllureDrillReporter.assertPassed(result);
                    }
                }));
    }

    /** Progress lines in the build log, so a slow CI drill shows where it is. */
    private static final class LoggingListener implements DrillListener {
        @Override
        public void phase(String scenario, String phase) {
            System.out.println(scenario + "  " + phase);
        }

        @Override
        public void stepFinished(String scenario, DrillResult.StepRecord record) {
            System.out.println(scenario + "  step " + record.index() + " " + record.outcome() + "  " + record.action()
                    + "  -> " + record.result());
        }
    }
}
