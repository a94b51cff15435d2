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

import static org.assertj.core.api.Assertions.assertThat;
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
                .hasMessage("redirect-failover: step 5 (line 36:5) redirects the clients, but the external backend has no"
                        + " active address to flip (it cannot put proxies in front of the clusters); use the process or"
                        + " testcontainers backend, or 'clients: move'");
    }

    @Test
    void withTheTeamsMirrorMakerItsFaultsNeedTheTeamsCommandsAndRestoresAreRefused() throws IOException {
        Path config = Files.writeString(dir.resolve("staging.properties"),
                "primary.bootstrap.servers=127.0.0.1:1\nbackup.bootstrap.servers=127.0.0.1:2\nmirrormaker=team\n");
        System.setProperty(ExternalClusterBackend.CONFIG_PROPERTY, config.toString());

        assertThatThrownBy(() -> DrillSite.start(ScenarioParser.load(Path.of("scenarios/mirrormaker-crash.yaml")),
                DrillOptions.defaults().withBackend("external")))
                .isInstanceOf(BadInputException.class)
                .hasMessage("mirrormaker-crash: step 3 (line 30:5) is a mirrormaker-kill fault, but the drill follows the team's own"
                        + " MirrorMaker 2 (" + config + ": mirrormaker=team): add mirrormaker.kill.command (e.g. kubectl scale"
                        + " deployment/mm2 --replicas=0) there");
        Files.writeString(config, "mirrormaker.kill.command=true\n", java.nio.file.StandardOpenOption.APPEND);
        assertThatThrownBy(() -> DrillSite.start(ScenarioParser.load(Path.of("scenarios/mirrormaker-crash.yaml")),
                DrillOptions.defaults().withBackend("external")))
                .as("a kill is healed by a restart").isInstanceOf(BadInputException.class)
                .hasMessageContaining("add mirrormaker.restart.command");
        assertThatThrownBy(() -> DrillSite.start(ScenarioParser.load(Path.of("scenarios/primary-outage.yaml")),
                DrillOptions.defaults().withBackend("external")))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("primary-outage: step 7 (line 39:5) is a restore, which runs Firedrill's own MirrorMaker 2");
    }

    @Test
    void theTeamsMirrorMakerKeysAreChecked() throws IOException {
        Path mm2 = Files.writeString(dir.resolve("mm2.properties"), "clusters=east,west\neast->west.replication.policy.class="
                + "org.apache.kafka.connect.mirror.IdentityReplicationPolicy\n");
        for (String[] bad : new String[][] {
                {"mirrormaker=team\nmirrormaker.kill.comand=x\n", "unknown key mirrormaker.kill.comand"},
                {"mirrormaker=ours\n", "mirrormaker=ours is neither firedrill"},
                {"mirrormaker.kill.command=x\n", "mirrormaker.kill.command is set but Firedrill runs its own MirrorMaker"},
                {"mirrormaker=team\nmirrormaker.config=mm2.properties\n", "has clusters=east,west, not the aliases primary and backup"},
                {"mirrormaker=team\nmirrormaker.config=missing.properties\n", "missing.properties cannot be read"}}) {
            Path config = Files.writeString(dir.resolve("staging.properties"),
                    "primary.bootstrap.servers=127.0.0.1:1\nbackup.bootstrap.servers=127.0.0.1:2\n" + bad[0]);
            System.setProperty(ExternalClusterBackend.CONFIG_PROPERTY, config.toString());
            assertThatThrownBy(ExternalClusterBackend::fromConfiguration).as(bad[0])
                    .isInstanceOf(BadInputException.class).hasMessageContaining(bad[1]);
        }
        Path config = Files.writeString(dir.resolve("staging.properties"), "mirrormaker=team\nmirrormaker.config=mm2.properties\n"
                + "mirrormaker.source.alias=east\nmirrormaker.target.alias=west\n");
        System.setProperty(ExternalClusterBackend.CONFIG_PROPERTY, config.toString());
        assertThat(ExternalClusterBackend.fromConfiguration().teamMirrorMaker()).get().satisfies(team -> {
            assertThat(team.settings()).containsEntry("replication.policy.class", "org.apache.kafka.connect.mirror.IdentityReplicationPolicy")
                    .containsEntry("offset-syncs.topic.location", "source");
            assertThat(team.killCommand()).isEmpty();
        });
        assertThat(mm2).exists();
    }
}
