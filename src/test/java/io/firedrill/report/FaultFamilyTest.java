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
        steps.add(new StepRecord(3, "fault mirrormaker-restart on mirrormaker", null, "not run", null, 60_000,
                60_000, StepStatus.SKIPPED, null));
        DrillResult planned = SampleDrills.copy(error).steps(steps).build();

        assertThat(FaultFamily.of(planned)).containsExactly(FaultFamily.REPLICATION);
    }

    @Test
    void aDrillWithoutFaultOrRestoreIsTheSteadyStateBaseline() {
        assertThat(FaultFamily.of(SampleDrills.copy(SampleDrills.mirrorMakerError()).faults(List.<FaultWindow>of()).build()))
                .containsExactly(FaultFamily.STEADY_STATE);
    }
}
