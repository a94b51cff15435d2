package io.firedrill.drill;

import java.util.function.Supplier;

/**
 * The status columns of the drill's process table: where the data is, how replication is, and
 * where consumers read. Steps set the data location and consumer target as they move things;
 * the replication status comes live from the health monitor.
 */
public final class StatusTracker {

    public static final String PRIMARY = "primary cluster";
    public static final String BACKUP = "backup cluster";

    private volatile String dataLocation = PRIMARY;
    private volatile String consumerTarget = PRIMARY;
    private volatile Supplier<String> replicationStatus = () -> "starting";

    public void dataLocation(String where) {
        dataLocation = where;
    }

    public String dataLocation() {
        return dataLocation;
    }

    public void consumerTarget(String where) {
        consumerTarget = where;
    }

    public String consumerTarget() {
        return consumerTarget;
    }

    public void replicationStatus(Supplier<String> source) {
        replicationStatus = source;
    }

    public DrillResult.Status snapshot() {
        return new DrillResult.Status(dataLocation, replicationStatus.get(), consumerTarget);
    }
}
