package io.firedrill.report;

import io.firedrill.drill.DrillResult;
import io.firedrill.drill.DrillResult.FaultWindow;
import io.firedrill.drill.DrillResult.StepRecord;
import io.firedrill.drill.DrillResult.StepStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FaultFamilyTest {

    @ParameterizedTest
    @CsvSource({
            "cluster-outage, primary, CLUSTER_OUTAGE",
            "broker-kill, primary/broker-0, PROCESS",
            "broker-pause, backup, PROCESS",
            "broker-restart, primary, PROCESS",
            "mirrormaker-kill, mirrormaker, REPLICATION",
            "mirrormaker-restart, mirrormaker, REPLICATION",
            "latency, replication-link, REPLICATION",
            "partition, replication-link, REPLICATION",
            "latency, clients->primary, NETWORK",
            "partition, primary, NETWORK",
            "bandwidth, clients->backup, NETWORK",
            "reset-peer, primary/broker-1, NETWORK"})
    void eachFaultOfTheScenarioFormatHasItsFamily(String type, String target, FaultFamily family) {
        assertThat(FaultFamily.of(type, target)).isEqualTo(family);
    }

    @Test
    void aDrillBelongsToEveryFamilyItTouchesGravestFirst() {
        assertThat(FaultFamily.of(SampleDrills.replicationLagOutageFail()))
                .containsExactly(FaultFamily.CLUSTER_OUTAGE, FaultFamily.REPLICATION, FaultFamily.RESTORE);
    }

    @Test
    void aFaultStepThatNeverRanStillNamesTheFamily() {
        DrillResult error = SampleDrills.mirrorMakerError();
        List<StepRecord> steps = new ArrayList<>(error.steps());
        steps.add(new StepRecord(3, "fault: { type: mirrormaker-restart, target: mirrormaker }", null, "not run", null, 60_000,
                60_000, StepStatus.SKIPPED, null));
        DrillResult planned = SampleDrills.copy(error).steps(steps).build();

        assertThat(FaultFamily.of(planned)).containsExactly(FaultFamily.REPLICATION);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "fault: { type: latency, target: mirrormaker, latency: 300ms } | REPLICATION",
            "fault: { type: latency, target: replication-link, latency: 300ms } | REPLICATION",
            "fault: { type: latency, target: clients->primary, latency: 300ms } | NETWORK",
            "fault: { type: broker-kill, target: primary/broker-0 } | PROCESS"})
    void aFaultStepWrittenAsInTheFileIsFiledByItsTypeAndTarget(String action, FaultFamily family) {
        DrillResult drill = SampleDrills.copy(SampleDrills.mirrorMakerError())
                .steps(List.of(new StepRecord(1, action, null, "not run", null, 0, 0, StepStatus.SKIPPED, null)))
                .build();

        assertThat(FaultFamily.of(drill)).containsExactly(family);
    }

    @Test
    void aDrillWithoutFaultOrRestoreIsTheSteadyStateBaseline() {
        assertThat(FaultFamily.of(SampleDrills.copy(SampleDrills.mirrorMakerError()).faults(List.<FaultWindow>of()).build()))
                .containsExactly(FaultFamily.STEADY_STATE);
    }
}
