package io.firedrill.fault;

import java.util.Arrays;
import java.util.Optional;

/** The fault types of the scenario contract, by their names in scenario files. */
public enum FaultType {
    LATENCY("latency", "latency"),
    BANDWIDTH("bandwidth", "bandwidth"),
    TIMEOUT("timeout", "timeout"),
    RESET_PEER("reset-peer", "reset_peer"),
    SLOW_CLOSE("slow-close", "slow_close"),
    SLICER("slicer", "slicer"),
    LIMIT_DATA("limit-data", "limit_data"),
    PARTITION("partition", null),
    BROKER_KILL("broker-kill", null),
    BROKER_PAUSE("broker-pause", null),
    BROKER_RESTART("broker-restart", null),
    CLUSTER_OUTAGE("cluster-outage", null),
    MIRRORMAKER_KILL("mirrormaker-kill", null),
    MIRRORMAKER_RESTART("mirrormaker-restart", null);

    private final String scenarioName;
    private final String toxiproxyType;

    FaultType(String scenarioName, String toxiproxyType) {
        this.scenarioName = scenarioName;
        this.toxiproxyType = toxiproxyType;
    }

    public String scenarioName() {
        return scenarioName;
    }

    /** Toxiproxy's toxic type, or null when the fault is not a toxic. */
    public String toxiproxyType() {
        return toxiproxyType;
    }

    /** Faults that act on connections (toxics and link cuts), as opposed to processes. */
    public boolean isNetwork() {
        return toxiproxyType != null || this == PARTITION;
    }

    public static Optional<FaultType> fromScenarioName(String name) {
        return Arrays.stream(values()).filter(type -> type.scenarioName.equals(name)).findFirst();
    }

    @Override
    public String toString() {
        return scenarioName;
    }
}
