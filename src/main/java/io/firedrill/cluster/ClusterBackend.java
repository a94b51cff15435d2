package io.firedrill.cluster;

import io.firedrill.cluster.external.ExternalClusterBackend;
import io.firedrill.cluster.external.TeamMirrorMaker;
import io.firedrill.cluster.process.ProcessClusterBackend;
import io.firedrill.cluster.testcontainers.ContainerClusterBackend;
import io.firedrill.support.BadInputException;

import java.util.List;
import java.util.Optional;

/** Where the brokers of a drill come from: the seam between drills and infrastructure. */
public interface ClusterBackend {

    String PROCESS = "process";
    List<String> NAMES = List.of(PROCESS, "testcontainers", "external");

    String name();

    /** Starts the cluster and returns once it serves clients; the caller closes it. */
    KafkaCluster start(ClusterSpec spec);

    /** Whether Firedrill can route clients of this backend's clusters through fault proxies. */
    default boolean supportsProxies() {
        return true;
    }

    /**
     * Whether Firedrill owns the machine under each broker (its disk, power and clock), so host
     * faults (power-loss, disk-full, log-dir-failure, clock-skew) can hit it: only brokers it runs
     * as its own processes.
     */
    default boolean supportsHostFaults() {
        return false;
    }

    /** The team's own MirrorMaker 2 that drills follow instead of starting one (external backend only). */
    default Optional<TeamMirrorMaker> teamMirrorMaker() {
        return Optional.empty();
    }

    static ClusterBackend named(String name) {
        return switch (name == null ? "" : name) {
            case "process" -> new ProcessClusterBackend();
            case "testcontainers" -> ContainerClusterBackend.connect();
            case "external" -> ExternalClusterBackend.fromConfiguration();
            default -> throw new BadInputException("unknown cluster backend '" + name + "': use one of "
                    + String.join(", ", NAMES));
        };
    }
}
