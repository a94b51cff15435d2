package io.firedrill.report;

import io.firedrill.drill.DrillResult;
import io.firedrill.drill.DrillResult.FaultWindow;
import io.firedrill.drill.DrillResult.StepRecord;
import io.firedrill.drill.DrillResult.StepStatus;
import io.firedrill.scenario.FaultFamily;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Families come typed from the drill's steps and fault windows; no step text is parsed. */
class DrillFamiliesTest {

    @Test
    void aDrillBelongsToEveryFamilyItTouchesGravestFirst() {
        assertThat(DrillFamilies.of(SampleDrills.replicationLagOutageFail()))
                .containsExactly(FaultFamily.CLUSTER_OUTAGE, FaultFamily.REPLICATION, FaultFamily.RESTORE);
    }

    @Test
    void aFaultStepThatNeverRanStillNamesTheFamily() {
        DrillResult error = SampleDrills.mirrorMakerError();
        List<StepRecord> steps = new ArrayList<>(error.steps());
        steps.add(new StepRecord(3, "fault: { type: mirrormaker-restart, target: mirrormaker }", null, "not run", null, 60_000,
                60_000, StepStatus.SKIPPED, null, FaultFamily.REPLICATION));
        DrillResult planned = SampleDrills.copy(error).steps(steps).build();

        assertThat(DrillFamilies.of(planned)).containsExactly(FaultFamily.REPLICATION);
    }

    @Test
    void aDrillWithoutFaultOrRestoreIsTheSteadyStateBaseline() {
        assertThat(DrillFamilies.of(SampleDrills.copy(SampleDrills.mirrorMakerError()).faults(List.<FaultWindow>of()).build()))
                .containsExactly(FaultFamily.STEADY_STATE);
    }

    @Test
    void theFamilySurvivesSummaryJson() {
        DrillResult drill = SampleDrills.replicationLagOutageFail();
        assertThat(DrillFamilies.of(SummaryJson.fromTree(SummaryJson.toTree(drill)))).isEqualTo(DrillFamilies.of(drill));
    }
}
