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
        DrillResult planned = new DrillResult(error.scenario(), error.description(), error.tags(),
                error.severity(), error.verdict(), error.failures(), error.error(), error.kafkaVersion(),
                error.backend(), error.startedAtEpochMs(), error.durationMs(), error.records(), error.rpo(),
                error.rto(), error.restore(), steps, error.phases(), error.series(), error.logTails(), error.expect());

        assertThat(FaultFamily.of(planned)).containsExactly(FaultFamily.REPLICATION);
    }

    @Test
    void aDrillWithoutFaultOrRestoreIsTheSteadyStateBaseline() {
        assertThat(FaultFamily.of(DrillChartsTest.withFaults(SampleDrills.mirrorMakerError(), List.<FaultWindow>of())))
                .containsExactly(FaultFamily.STEADY_STATE);
    }
}
