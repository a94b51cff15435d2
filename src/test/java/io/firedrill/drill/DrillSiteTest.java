package io.firedrill.drill;

import io.firedrill.cluster.external.ExternalClusterBackend;
import io.firedrill.scenario.ScenarioParser;
import io.firedrill.support.BadInputException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DrillSiteTest {

    @TempDir
    Path dir;

    @AfterEach
    void forgetTheExternalConfiguration() {
        System.clearProperty(ExternalClusterBackend.CONFIG_PROPERTY);
    }

    @Test
    void redirectedClientsNeedAnActiveAddressWhichExternalClustersCannotHave() throws IOException {
        Path config = Files.writeString(dir.resolve("staging.properties"),
                "primary.bootstrap.servers=127.0.0.1:1\nbackup.bootstrap.servers=127.0.0.1:2\n");
        System.setProperty(ExternalClusterBackend.CONFIG_PROPERTY, config.toString());

        assertThatThrownBy(() -> DrillSite.start(ScenarioParser.load(Path.of("scenarios/redirect-failover.yaml")),
                DrillOptions.defaults().withBackend("external")))
                .isInstanceOf(BadInputException.class)
                .hasMessage("redirect-failover: step 5 (line 35:5) redirects the clients, but the external backend has no"
                        + " active address to flip (it cannot put proxies in front of the clusters); use the process or"
                        + " testcontainers backend, or 'clients: move'");
    }
}
