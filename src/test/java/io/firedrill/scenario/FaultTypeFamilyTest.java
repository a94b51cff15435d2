package io.firedrill.scenario;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class FaultTypeFamilyTest {

    private static Target target(String text) {
        return switch (text) {
            case "replication-link" -> Target.REPLICATION_LINK;
            case "mirrormaker" -> Target.MIRRORMAKER;
            case "clients->primary" -> new Target.ClientLink(ClusterRole.PRIMARY);
            case "clients->backup" -> new Target.ClientLink(ClusterRole.BACKUP);
            case "primary/broker-0" -> new Target.Broker(ClusterRole.PRIMARY, 0);
            case "backup/broker-0" -> new Target.Broker(ClusterRole.BACKUP, 0);
            default -> new Target.Cluster(Keyword.parse(ClusterRole.class, text).orElseThrow());
        };
    }

    @ParameterizedTest
    @CsvSource({
            "cluster-outage, primary, CLUSTER_OUTAGE, true",
            "broker-kill, primary/broker-0, PROCESS, false",
            "broker-pause, backup, PROCESS, false",
            "broker-restart, primary, PROCESS, false",
            "mirrormaker-kill, mirrormaker, REPLICATION, false",
            "mirrormaker-restart, mirrormaker, REPLICATION, false",
            "latency, replication-link, REPLICATION, false",
            "partition, replication-link, REPLICATION, false",
            "latency, clients->primary, NETWORK, false",
            "partition, primary, NETWORK, false",
            "bandwidth, clients->backup, NETWORK, false",
            "reset-peer, primary/broker-0, NETWORK, false",
            "power-loss, primary, POWER, true",
            "power-loss, primary/broker-0, POWER, true",
            "disk-full, backup/broker-0, STORAGE, false",
            "log-dir-failure, primary, STORAGE, false",
            "clock-skew, primary/broker-0, TIME, false"})
    void eachFaultTypeOwnsItsFamilyAndWhetherItLosesACluster(String type, String target, FaultFamily family, boolean losesCluster) {
        FaultType fault = Keyword.parse(FaultType.class, type).orElseThrow();
        assertThat(fault.family(target(target))).isEqualTo(family);
        assertThat(fault.losesCluster()).isEqualTo(losesCluster);
    }
}
