package io.firedrill.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The fault type x target table of the format, and the target model. */
class FaultTypeTest {

    private static final List<Target> TARGETS = List.of(new Target.Cluster(ClusterRole.PRIMARY),
            new Target.Cluster(ClusterRole.BACKUP), new Target.Broker(ClusterRole.PRIMARY, 0),
            new Target.Broker(ClusterRole.BACKUP, 2), Target.REPLICATION_LINK, new Target.ClientLink(ClusterRole.PRIMARY),
            new Target.ClientLink(ClusterRole.BACKUP), Target.MIRRORMAKER, new Target.Application("billing"));

    /** One row per fault type; columns in the order of {@link #TARGETS} (x = accepted). */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "latency             | x x x x x x x - -",
            "bandwidth           | x x x x x x x - -",
            "timeout             | x x x x x x x - -",
            "reset-peer          | x x x x x x x - -",
            "slow-close          | x x x x x x x - -",
            "slicer              | x x x x x x x - -",
            "limit-data          | x x x x x x x - -",
            "partition           | x x x x x x x - -",
            "broker-kill         | x x x x - - - - -",
            "broker-pause        | x x x x - - - - -",
            "broker-restart      | x x x x - - - - -",
            "cluster-outage      | x x - - - - - - -",
            "mirrormaker-kill    | - - - - - - - x -",
            "mirrormaker-restart | - - - - - - - x -",
            "power-loss          | x x x x - - - - -",
            "disk-full           | x x x x - - - - -",
            "log-dir-failure     | x x x x - - - - -",
            "clock-skew          | x x x x - - - x -",
            "application-kill    | - - - - - - - - x",
            "application-restart | - - - - - - - - x",
            "application-pause   | - - - - - - - - x"})
    void eachFaultTypeHitsExactlyItsTargets(String type, String accepted) {
        FaultType fault = Keyword.parse(FaultType.class, type).orElseThrow();
        List<Boolean> expected = Arrays.stream(accepted.split(" ")).map("x"::equals).toList();

        assertThat(TARGETS.stream().map(fault::accepts).toList()).isEqualTo(expected);
    }

    @Test
    void theTableCoversEveryFaultType() {
        assertThat(FaultType.values()).hasSize(21);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "latency        | latency         | latency, jitter",
            "bandwidth      | bandwidth       | rate",
            "timeout        | timeout         | timeout",
            "reset-peer     | reset_peer      | timeout",
            "slow-close     | slow_close      | delay",
            "slicer         | slicer          | average-size, size-variation, delay",
            "limit-data     | limit_data      | bytes"})
    void toxicsCarryToxiproxysNamesAndTheContractsAttributes(String type, String toxic, String attributes) {
        FaultType fault = Keyword.parse(FaultType.class, type).orElseThrow();

        assertThat(fault.kind()).isEqualTo(FaultType.Kind.TOXIC);
        assertThat(fault.toxiproxyType()).contains(toxic);
        assertThat(fault.attributes()).extracting(Keyword::keyword).containsExactly(attributes.split(", "));
        assertThat(fault.takesDirectionAndToxicity()).isTrue();
    }

    @Test
    void theMainAttributeOfAToxicMustBeWrittenTheOthersDefault() {
        assertThat(FaultType.LATENCY.defaultValue(FaultAttribute.LATENCY)).isEmpty();
        assertThat(FaultType.LATENCY.defaultValue(FaultAttribute.JITTER)).hasValue(0);
        assertThat(FaultType.BANDWIDTH.defaultValue(FaultAttribute.RATE)).isEmpty();
        assertThat(FaultType.TIMEOUT.defaultValue(FaultAttribute.TIMEOUT)).hasValue(0);
        assertThat(FaultType.RESET_PEER.defaultValue(FaultAttribute.TIMEOUT)).hasValue(0);
        assertThat(FaultType.SLOW_CLOSE.defaultValue(FaultAttribute.DELAY)).isEmpty();
        assertThat(FaultType.SLICER.defaultValue(FaultAttribute.AVERAGE_SIZE)).isEmpty();
        assertThat(FaultType.SLICER.defaultValue(FaultAttribute.DELAY)).hasValue(0);
        assertThat(FaultType.LIMIT_DATA.defaultValue(FaultAttribute.BYTES)).isEmpty();
        assertThat(FaultAttribute.AVERAGE_SIZE.toxiproxyName()).isEqualTo("average_size");
    }

    @Test
    void onlyToxicsTakeDirectionAndToxicityAndOnlyNetworkFaultsAreNetwork() {
        assertThat(FaultType.PARTITION.isNetwork()).isTrue();
        assertThat(FaultType.PARTITION.takesDirectionAndToxicity()).isFalse();
        assertThat(FaultType.PARTITION.toxiproxyType()).isEmpty();
        assertThat(Arrays.stream(FaultType.values()).filter(FaultType::isNetwork)).hasSize(8);
        assertThat(FaultType.BROKER_KILL.isNetwork()).isFalse();
        assertThat(FaultType.MIRRORMAKER_KILL.attributes()).isEmpty();
    }

    @Test
    void aClusterTargetCoversItsOwnBrokersAndNothingElse() {
        Target primary = new Target.Cluster(ClusterRole.PRIMARY);

        assertThat(primary.covers(primary)).isTrue();
        assertThat(primary.covers(new Target.Broker(ClusterRole.PRIMARY, 2))).isTrue();
        assertThat(primary.covers(new Target.Broker(ClusterRole.BACKUP, 0))).isFalse();
        assertThat(primary.covers(new Target.ClientLink(ClusterRole.PRIMARY))).isFalse();
        assertThat(new Target.Broker(ClusterRole.PRIMARY, 0).covers(primary)).isFalse();
        assertThat(Target.REPLICATION_LINK.covers(new Target.ReplicationLink())).isTrue();
        assertThat(Target.MIRRORMAKER.covers(Target.REPLICATION_LINK)).isFalse();
    }

    @Test
    void everyTargetReadsBackFromItsSpelling() {
        assertThat(TARGETS).extracting(Target::text).containsExactly("primary", "backup", "primary/broker-0",
                "backup/broker-2", "replication-link", "clients->primary", "clients->backup", "mirrormaker",
                "application/billing");
        for (Target target : TARGETS) {
            assertThat(StepReader.parseTarget(target.text())).contains(target);
        }
        assertThat(StepReader.parseTarget("primary/broker-")).isEmpty();
        assertThat(StepReader.parseTarget("Primary")).isEmpty();
        assertThat(StepReader.parseTarget("application/")).isEmpty();
    }

    @Test
    void targetsKnowTheirCluster() {
        assertThat(new Target.Broker(ClusterRole.BACKUP, 1).cluster()).contains(ClusterRole.BACKUP);
        assertThat(new Target.ClientLink(ClusterRole.PRIMARY).cluster()).contains(ClusterRole.PRIMARY);
        assertThat(Target.REPLICATION_LINK.cluster()).isEmpty();
        assertThat(Target.MIRRORMAKER.cluster()).isEmpty();
    }
}
