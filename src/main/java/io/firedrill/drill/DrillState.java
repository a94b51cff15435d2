package io.firedrill.drill;

import io.firedrill.scenario.ClusterRole;
import io.firedrill.scenario.RestoreSource;
import io.firedrill.scenario.Step;

import java.util.Optional;

/**
 * Where a drill stands, as an immutable value: which cluster the clients use, whether the primary
 * is lost, a restore under way or done, a snapshot taken. Each DR event is one transition
 * returning the next state; the process table's status columns are derived from it.
 *
 * @param clientsOn     the cluster producers and groups use (or wait for, when parked)
 * @param primaryLost   a fault that loses a whole cluster is in force on the primary
 * @param detected      the detector declared the primary lost
 * @param failedOver    clients failed over at least once
 * @param clientsParked clients were on the cluster being rebuilt: they wait off any cluster until the restore is done
 * @param restoringFrom the restore under way, if any
 * @param restored      a restore has completed
 */
record DrillState(ClusterRole clientsOn, boolean primaryLost, boolean detected, boolean failedOver, boolean clientsParked,
                  Optional<RestoreSource> restoringFrom, boolean restored, boolean snapshotTaken) {

    static final String PRIMARY = "primary cluster";
    static final String BACKUP = "backup cluster";

    static DrillState initial() {
        return new DrillState(ClusterRole.PRIMARY, false, false, false, false, Optional.empty(), false, false);
    }

    DrillState faultInjected(Step.Fault fault) {
        return losesPrimary(fault) ? with(clientsOn, true, detected, failedOver, clientsParked, restoringFrom, restored, snapshotTaken) : this;
    }

    /** Only healing the fault that lost the primary brings it back; an outage of the backup does not. */
    DrillState faultHealed(Step.Fault fault) {
        return losesPrimary(fault) ? with(clientsOn, false, detected, failedOver, clientsParked, restoringFrom, restored, snapshotTaken) : this;
    }

    private static boolean losesPrimary(Step.Fault fault) {
        return fault.type().losesCluster() && fault.target().equals(new io.firedrill.scenario.Target.Cluster(ClusterRole.PRIMARY));
    }

    DrillState disasterDetected() {
        return with(clientsOn, primaryLost, true, failedOver, clientsParked, restoringFrom, restored, snapshotTaken);
    }

    DrillState backupTaken() {
        return with(clientsOn, primaryLost, detected, failedOver, clientsParked, restoringFrom, restored, true);
    }

    DrillState failedOverToBackup() {
        return with(ClusterRole.BACKUP, primaryLost, detected, true, clientsParked, restoringFrom, restored, snapshotTaken);
    }

    /** {@code to} is rebuilt empty: it is no longer lost, and clients on it wait for the restore. */
    DrillState restoreStarted(ClusterRole to, RestoreSource from) {
        boolean lost = to == ClusterRole.PRIMARY ? false : primaryLost;
        return with(clientsOn, lost, detected, failedOver, clientsOn == to, Optional.of(from), restored, snapshotTaken);
    }

    DrillState restoreComplete() {
        return with(clientsOn, primaryLost, detected, failedOver, false, Optional.empty(), true, snapshotTaken);
    }

    /** {@code failedOver} stays: it says a failover happened, which RTO is judged on. */
    DrillState failedBack() {
        return with(ClusterRole.PRIMARY, primaryLost, detected, failedOver, clientsParked, restoringFrom, restored, snapshotTaken);
    }

    private static DrillState with(ClusterRole clientsOn, boolean primaryLost, boolean detected, boolean failedOver,
                                   boolean clientsParked, Optional<RestoreSource> restoringFrom, boolean restored,
                                   boolean snapshotTaken) {
        return new DrillState(clientsOn, primaryLost, detected, failedOver, clientsParked, restoringFrom, restored, snapshotTaken);
    }

    /** The status tracker of the contract, with replication's state as the monitor reports it now. */
    DrillResult.Status status(String replicationStatus) {
        return new DrillResult.Status(dataLocation(), replicationStatus, clientsOn == ClusterRole.PRIMARY ? PRIMARY : BACKUP);
    }

    private String dataLocation() {
        String where;
        if (clientsOn == ClusterRole.BACKUP) {
            where = BACKUP;
        } else if (primaryLost) {
            where = BACKUP + " (primary lost)";
        } else {
            where = PRIMARY;
        }
        if (restoringFrom.isPresent()) {
            where += ", restoring the primary from " + restoringFrom.get().keyword();
        } else if (restored && clientsOn == ClusterRole.BACKUP) {
            where += ", primary restored";
        }
        return snapshotTaken ? where + "; snapshot in backup storage" : where;
    }
}
