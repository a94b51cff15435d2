package io.firedrill.drill;

import io.firedrill.scenario.ScenarioParser;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The engine on real brokers and MirrorMaker 2: a drill that breaks still shows what it lost. */
class DrillEngineIT {

    @Test
    void aRestoreOverTheStillCutReplicationLinkFailsAtOnceAndTheBlindWindowsLossIsCounted() {
        long started = System.nanoTime();
        DrillResult result = new DrillRunner(DrillOptions.defaults())
                .run(ScenarioParser.load(Path.of("src/test/resources/engine-drills/replication-cut-before-restore.yaml")),
                        DrillListener.SILENT);
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        result.steps().forEach(step -> System.out.printf("step %d %s %s %d ms: %s | %s%n", step.index(), step.action(),
                step.outcome(), step.endedAtMs() - step.startedAtMs(), step.result(), step.notes()));
        System.out.println("phases " + result.phases() + "; failures " + result.failures() + "; error " + result.error());

        assertThat(seconds).as("drill time").isLessThan(90);
        assertThat(result.verdict()).as("verdict (error: %s)", result.error()).isEqualTo(DrillResult.Verdict.FAIL);
        assertThat(result.steps()).filteredOn(step -> step.index() == 9).singleElement().satisfies(restore -> {
            assertThat(restore.outcome()).isEqualTo(DrillResult.StepStatus.FAILED);
            assertThat(restore.result()).contains("partition on replication-link injected by step 3");
            assertThat(restore.endedAtMs() - restore.startedAtMs()).as("the restore step's time").isLessThan(5_000);
        });
        assertThat(result.failures()).extracting(DrillResult.ExpectationFailure::expectation)
                .contains("restore", "lost-acked-records");
        // ~300 records/s acknowledged by the primary for the 10 s the link was cut, never replicated
        assertThat(result.records().lostAcked()).isBetween(2_500L, 4_500L);
        assertThat(result.rpo().ms()).isBetween(8_000L, 15_000L);
    }
}
