package io.firedrill.scenario;

/**
 * What kind of trouble a drill rehearses, the way an SRE files it: a fault step's family follows
 * from its type and target ({@link FaultType#family(Target)}); reports file drills under it.
 */
public enum FaultFamily implements Keyword {
    CLUSTER_OUTAGE("Cluster outage"),
    PROCESS("Process faults"),
    NETWORK("Network faults"),
    REPLICATION("Replication faults"),
    /** A broker's disk full or its log directory failed. */
    STORAGE("Storage faults"),
    /** Brokers lose power and with it what their page cache held. */
    POWER("Power loss"),
    /** A broker's clock disagrees with the others'. */
    TIME("Clock faults"),
    /** The team's own application killed, restarted or paused. */
    APPLICATION("Application faults"),
    RESTORE("Restore"),
    /** No fault and no restore: the drill measures the healthy baseline. */
    STEADY_STATE("Steady state");

    private final String title;

    FaultFamily(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }
}
