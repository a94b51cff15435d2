package io.firedrill.drill;

import io.firedrill.process.ChildProcesses;
import io.firedrill.scenario.ScenarioParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Failover by address flip on real brokers and MirrorMaker 2, through the engine: the clients
 * bootstrap on the drill's active address and must find the backup by themselves.
 */
class RedirectDrillIT {

    @Test
    void clientsOnRebootstrapRecoverByThemselvesAfterEachFlip() {
        DrillResult result = run("scenarios/redirect-failover.yaml");

        assertThat(result.verdict()).as("verdict (error: %s, failures: %s)", result.error(), result.failures())
                .isEqualTo(DrillResult.Verdict.PASS);
        // step 5 fails over to the backup, step 9 fails back to the rebuilt primary: both clients recover each time
        assertThat(result.clientRecoveries()).extracting(DrillResult.ClientRecovery::step, DrillResult.ClientRecovery::cluster,
                DrillResult.ClientRecovery::client).containsExactlyInAnyOrder(
                tuple(5, "backup", "producer-1-orders"), tuple(5, "backup", "billing"),
                tuple(9, "primary", "producer-1-orders"), tuple(9, "primary", "billing"));
        assertThat(result.clientRecoveries()).allSatisfy(recovery -> assertThat(recovery.recoveredMs())
                .as(recovery.client() + " recovered after the flip of step " + recovery.step() + " (ms)").isNotNull()
                .isBetween(0L, 20_000L));
        assertThat(result.series().marks()).extracting(DrillResult.Mark::name).contains("address-flipped", "address-flipped-back");
        // the producer's acks after the flip are the backup's: RTO's first produce is measured there
        assertThat(result.rto().firstProduceMs()).isNotNull();
        assertThat(result.records().acked()).isGreaterThan(1_000);
        assertThat(result.records().skipped()).isZero();
    }

    @Test
    void withoutRebootstrapTheStuckClientIsAFailNamingIt() {
        long started = System.nanoTime();
        DrillResult result = run("scenarios/redirect-failover-without-rebootstrap.yaml");
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;

        assertThat(result.verdict()).as("verdict (error: %s)", result.error()).isEqualTo(DrillResult.Verdict.FAIL);
        assertThat(result.failures()).filteredOn(failure -> failure.expectation().equals("client-recovery"))
                .singleElement().satisfies(failure -> assertThat(failure.message()).contains("did not recover on the backup within 20s of the address flip"));
        assertThat(result.clientRecoveries()).filteredOn(recovery -> recovery.recoveredMs() == null).isNotEmpty()
                .allSatisfy(stuck -> assertThat(result.failures().toString()).contains(stuck.kind().keyword() + " " + stuck.client()));
        assertThat(seconds).as("a stuck client is bounded, not a hang").isLessThan(120);
        assertThat(ChildProcesses.live()).as("processes the drill left running").isEmpty();
    }

    /**
     * The library's application drill (nightly: six applications, about 2 minutes on a busy machine):
     * none is restarted at the flip; each one's recovery is timed, and the ones that never find
     * the backup FAIL the failover by name.
     */
    @Test
    @EnabledIfSystemProperty(named = "firedrill.drill.tags", matches = "all")
    void applicationsRecoverFromTheFlipByThemselvesOrFailNamed() {
        DrillResult result = run("scenarios/redirect-failover-applications.yaml");

        assertThat(result.verdict()).as("verdict (error: %s)", result.error()).isEqualTo(DrillResult.Verdict.FAIL);
        Map<String, Long> recovered = new HashMap<>();
        result.clientRecoveries().stream().filter(recovery -> recovery.kind() == DrillResult.ClientKind.APPLICATION)
                .forEach(recovery -> recovered.put(recovery.client(), recovery.recoveredMs()));
        assertThat(recovered).containsOnlyKeys("java-rebootstrap", "java-without-rebootstrap", "streams", "kcat-pipeline",
                "kcat-stay-up", "kcat-restarted");
        for (String app : List.of("java-rebootstrap", "streams", "kcat-restarted")) {
            assertThat(recovered.get(app)).as(app + " recovered after the flip (ms)").isNotNull().isBetween(0L, 20_000L);
        }
        assertThat(recovered.get("java-without-rebootstrap")).as("the service without rebootstrap stays on the dead primary").isNull();
        assertThat(recovered.get("kcat-pipeline")).as("kcat exits once every broker it knows is down").isNull();
        assertThat(recovered.get("kcat-stay-up")).as("librdkafka 2.0 refuses the other cluster's id").isNull();
        assertThat(result.failures()).filteredOn(failure -> failure.expectation().equals("client-recovery")).singleElement()
                .satisfies(failure -> assertThat(failure.message()).contains(
                        "application java-without-rebootstrap, application kcat-pipeline, application kcat-stay-up did not"
                                + " recover on the backup"));
        for (String app : List.of("java-rebootstrap", "streams")) {
            DrillResult.ApplicationFigures figures = result.applications().stream().filter(a -> a.name().equals(app)).findFirst()
                    .orElseThrow();
            // an input the primary acknowledged but MirrorMaker had not copied at the outage is gone for
            // any application (RPO, as for the drill's own producer); what was sent since the flip is not
            assertThat(figures.phases()).filteredOn(phase -> phase.phase().equals("after")).singleElement()
                    .satisfies(after -> assertThat(after.lost()).as(app + ": inputs sent after the failover never passed on").isZero());
            assertThat(figures.lost()).as(app + ": acknowledged inputs never passed on (at most a second of input)")
                    .isLessThanOrEqualTo(20);
            assertThat(figures.acked()).isGreaterThan(300);
        }
        assertThat(ChildProcesses.live()).as("processes the drill left running").isEmpty();
    }

    private static DrillResult run(String scenario) {
        DrillResult result = new DrillRunner(DrillOptions.defaults()).run(ScenarioParser.load(Path.of(scenario)), DrillListener.SILENT);
        result.steps().forEach(step -> System.out.printf("step %d %s %s %d ms: %s | %s%n", step.index(), step.action(),
                step.outcome(), step.endedAtMs() - step.startedAtMs(), step.result(), step.notes()));
        System.out.println(result.scenario() + ": " + result.verdict() + " in " + result.durationMs() + " ms, phases " + result.phases() + "; recoveries " + result.clientRecoveries()
                + "; records " + result.records() + "; rto " + result.rto() + "; failures " + result.failures()
                + "; error " + result.error());
        result.applications().forEach(app -> System.out.printf("application %s: acked %d lost %d duplicated %d phases %s%n",
                app.name(), app.acked(), app.lost(), app.duplicated(), app.phases()));
        return result;
    }
}
