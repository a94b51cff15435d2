package io.firedrill.drill;

import io.firedrill.scenario.ClusterRole;
import io.firedrill.scenario.RestoreSource;
import io.firedrill.scenario.Scenario;
import io.firedrill.scenario.ScenarioParser;
import io.firedrill.scenario.Step;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Every transition of the drill's state, and the status tracker derived from it, without Kafka. */
class DrillStateTest {

    private static final Scenario FAULTS = ScenarioParser.parse("faults.yaml", """
            name: faults
            description: Faults to drive the drill's state.
            clusters:
              primary: { brokers: 1 }
              backup: { brokers: 1 }
            topics:
              - name: orders
            replication:
              engine: mirrormaker2
            traffic:
              - producer: { topic: orders, rate: 10 }
            steps:
              - fault: { type: cluster-outage, target: primary }
              - fault: { type: cluster-outage, target: backup }
              - fault: { type: partition, target: primary }
            """).orThrow();

    private static Step.Fault fault(int index) {
        return (Step.Fault) FAULTS.steps().get(index - 1);
    }

    private static String dataLocation(DrillState state) {
        return state.status("running").data_location();
    }

    @Test
    void aDrillStartsWithClientsAndDataOnTheLivePrimary() {
        DrillState state = DrillState.initial();
        assertThat(state.status("starting")).isEqualTo(new DrillResult.Status("primary cluster", "starting", "primary cluster"));
        assertThat(state.failedOver()).isFalse();
    }

    @Test
    void onlyAClusterLossOnThePrimaryLosesItAndOnlyItsHealBringsItBack() {
        DrillState lost = DrillState.initial().faultInjected(fault(1));
        assertThat(lost.primaryLost()).isTrue();
        assertThat(dataLocation(lost)).isEqualTo("backup cluster (primary lost)");
        // an outage of the backup healed meanwhile does not bring the primary back (the old flag did)
        assertThat(lost.faultInjected(fault(2)).faultHealed(fault(2)).primaryLost()).isTrue();
        // a partition is not a lost cluster
        assertThat(DrillState.initial().faultInjected(fault(3)).primaryLost()).isFalse();
        assertThat(lost.faultHealed(fault(1)).primaryLost()).isFalse();
    }

    @Test
    void detectionBackupFailoverRestoreAndFailbackEachMoveOneThing() {
        DrillState detected = DrillState.initial().faultInjected(fault(1)).disasterDetected();
        assertThat(detected.detected()).isTrue();

        DrillState snapshot = detected.backupTaken();
        assertThat(dataLocation(snapshot)).isEqualTo("backup cluster (primary lost); snapshot in backup storage");

        DrillState failedOver = detected.failedOverToBackup();
        assertThat(failedOver.clientsOn()).isEqualTo(ClusterRole.BACKUP);
        assertThat(failedOver.status("stopped").consumer_target()).isEqualTo("backup cluster");

        DrillState restoring = failedOver.restoreStarted(ClusterRole.PRIMARY, RestoreSource.BACKUP);
        assertThat(restoring.primaryLost()).as("rebuilt, no longer lost").isFalse();
        assertThat(restoring.clientsParked()).as("clients are on the backup, not on the rebuilt primary").isFalse();
        assertThat(dataLocation(restoring)).isEqualTo("backup cluster, restoring the primary from backup");

        DrillState restored = restoring.restoreComplete();
        assertThat(restored.restoringFrom()).isEmpty();
        assertThat(dataLocation(restored)).isEqualTo("backup cluster, primary restored");

        DrillState back = restored.failedBack();
        assertThat(back.clientsOn()).isEqualTo(ClusterRole.PRIMARY);
        assertThat(back.failedOver()).as("a failover happened: RTO is judged").isTrue();
        assertThat(back.status("healthy")).isEqualTo(new DrillResult.Status("primary cluster", "healthy", "primary cluster"));
    }

    @Test
    void clientsOnTheClusterBeingRebuiltWaitUntilTheRestoreIsDone() {
        DrillState parked = DrillState.initial().faultInjected(fault(1)).restoreStarted(ClusterRole.PRIMARY, RestoreSource.BACKUP_STORAGE);
        assertThat(parked.clientsParked()).isTrue();
        assertThat(dataLocation(parked)).isEqualTo("primary cluster, restoring the primary from backup-storage");
        assertThat(parked.restoreComplete().clientsParked()).isFalse();
    }
}
