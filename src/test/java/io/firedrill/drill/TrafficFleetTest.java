package io.firedrill.drill;

import io.firedrill.scenario.ScenarioParser;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TrafficFleetTest {

    @Test
    void redirectedClientsRecoverThroughKafkasMetadataRecoveryAndMovedOnesKeepTheDefault() {
        assertThat(TrafficFleet.metadataRecovery(ScenarioParser.load(Path.of("scenarios/redirect-failover.yaml"))))
                .isEqualTo(Map.of("metadata.recovery.strategy", "rebootstrap"));
        assertThat(TrafficFleet.metadataRecovery(ScenarioParser.load(Path.of("scenarios/redirect-failover-without-rebootstrap.yaml"))))
                .isEqualTo(Map.of("metadata.recovery.strategy", "none"));
        assertThat(TrafficFleet.metadataRecovery(ScenarioParser.load(Path.of("scenarios/primary-outage.yaml")))).isEmpty();
    }
}
