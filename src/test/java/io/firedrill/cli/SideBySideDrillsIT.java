package io.firedrill.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.firedrill.cluster.ClusterSpec;
import io.firedrill.cluster.KafkaCluster;
import io.firedrill.cluster.external.ExternalClusterBackend;
import io.firedrill.cluster.process.ProcessClusterBackend;
import io.firedrill.process.ChildJvm;
import io.firedrill.process.ChildProcesses;
import io.firedrill.support.KafkaAdmin;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.TransactionListing;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 15's "unique names per run", as a team would meet it: two {@code drill run --backend
 * external} processes at once against the same primary and backup. Each runs its own MirrorMaker 2
 * and fails over; before names carried the run's tag both MirrorMakers joined the same Connect
 * group and config topic ({@code primary-mm2-mirrormaker-primary-to-backup-1-1}: every CLI's first
 * MirrorMaker has that name) and the second never started (ERROR after 90 s). Both must PASS, and
 * every topic, group and transactional id Firedrill made up on the clusters must carry a run tag.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SideBySideDrillsIT {

    private static final List<String> SCENARIOS = List.of("side-by-side-a", "side-by-side-b");
    /** What the scenarios name themselves: the team's names, used as written. */
    private static final Set<String> SCENARIO_NAMES = Set.of("orders-a", "orders-b", "billing-a", "billing-b");

    @TempDir
    Path work;

    private KafkaCluster primary;
    private KafkaCluster backup;

    @BeforeAll
    void startClusters() {
        var backend = new ProcessClusterBackend();
        CompletableFuture<KafkaCluster> primaryStart = CompletableFuture.supplyAsync(() -> backend.start(ClusterSpec.of("primary", 1)));
        CompletableFuture<KafkaCluster> backupStart = CompletableFuture.supplyAsync(() -> backend.start(ClusterSpec.of("backup", 1)));
        primary = primaryStart.join();
        backup = backupStart.join();
    }

    @AfterAll
    void stopClusters() {
        if (primary != null) {
            primary.close();
        }
        if (backup != null) {
            backup.close();
        }
        assertThat(ChildProcesses.live()).as("processes this test started").isEmpty();
    }

    @Test
    void twoDrillsAtOnceOnTheSameClustersBothPassAndShareNoName() throws Exception {
        Path external = work.resolve("external.properties");
        Files.writeString(external, "primary.bootstrap.servers=" + primary.bootstrapServers() + "\n"
                + "backup.bootstrap.servers=" + backup.bootstrapServers() + "\n");
        List<ChildJvm> drills = new ArrayList<>();
        for (String scenario : SCENARIOS) {
            drills.add(cli(external, scenario));
        }
        List<String> tags = new ArrayList<>();
        for (int i = 0; i < drills.size(); i++) {
            ChildJvm drill = drills.get(i);
            assertThat(drill.awaitExit(Duration.ofMinutes(5))).as("%s finished; log:%n%s", SCENARIOS.get(i), tail(drill)).isTrue();
            assertThat(drill.exitValue()).as("%s exit code; log:%n%s", SCENARIOS.get(i), tail(drill)).isEqualTo(DrillCommand.PASS);
            JsonNode summary = new ObjectMapper().readTree(work.resolve("reports-" + SCENARIOS.get(i))
                    .resolve("drills/" + SCENARIOS.get(i) + "/summary.json").toFile());
            assertThat(summary.get("verdict").asText()).isEqualTo("PASS");
            assertThat(summary.get("records").get("lostAcked").asLong()).isZero();
            assertThat(summary.get("records").get("acked").asLong()).isPositive();
            tags.add(StreamSupport.stream(summary.get("replicationConfig").get("harnessSettings").spliterator(), false)
                    .filter(setting -> setting.get("key").asText().equals("replication.policy.firedrill.run"))
                    .map(setting -> setting.get("value").asText()).findFirst().orElseThrow());
        }
        assertThat(tags).doesNotHaveDuplicates().allMatch(tag -> tag.matches("fd-[0-9a-f]{8}"));

        for (KafkaCluster cluster : List.of(primary, backup)) {
            try (Admin admin = KafkaAdmin.create(java.util.Map.of("bootstrap.servers", cluster.bootstrapServers()),
                    "side-by-side-check", Duration.ofSeconds(10))) {
                List<String> made = new ArrayList<>(admin.listTopics().names().get());
                admin.listGroups().all().get().stream().map(GroupListing::groupId).forEach(made::add); // Connect groups too
                admin.listTransactions().all().get().stream().map(TransactionListing::transactionalId).forEach(made::add);
                assertThat(made).as("names on %s that no scenario gave", cluster.name())
                        .filteredOn(name -> !SCENARIO_NAMES.contains(name) && !name.startsWith("__"))
                        .allMatch(name -> tags.stream().anyMatch(name::contains), "carries a run's tag");
                if (cluster == backup) {
                    // MirrorMaker writes to the target only (offset syncs there too): the backup holds its names
                    for (String tag : tags) {
                        assertThat(made).as("run %s's MirrorMaker topics and Connect group on the backup", tag)
                                .contains("heartbeats-" + tag, "primary." + tag + ".checkpoints.internal",
                                        "mm2-offset-syncs.primary." + tag + ".internal", "mm2-offsets.primary." + tag + ".internal")
                                .anyMatch(name -> name.startsWith(tag + ".mirrormaker-primary-to-backup-"));
                    }
                }
            }
        }
        for (ChildJvm drill : drills) {
            String runDirectory = "/run-" + drill.pid() + "/";
            assertThat(ProcessHandle.allProcesses().map(process -> process.info().commandLine().orElse(""))
                    .filter(commandLine -> commandLine.contains(runDirectory))).as("children of %s", drill).isEmpty();
        }
    }

    private ChildJvm cli(Path external, String scenario) throws Exception {
        Path log = work.resolve(scenario + ".log");
        return ChildJvm.builder("drill-" + scenario, DrillCommand.class.getName())
                .args(List.of("run", "src/test/resources/side-by-side/" + scenario + ".yaml", "--backend", "external",
                        "--reports", work.resolve("reports-" + scenario).toString()))
                .jvmOptions(List.of("-Xmx512m"))
                .systemProperty("firedrill.child.classpath", ChildJvm.defaultClasspath())
                .systemProperty(ExternalClusterBackend.CONFIG_PROPERTY, external.toString())
                .log(log)
                .start();
    }

    private static String tail(ChildJvm jvm) {
        return String.join("\n", jvm.logTail(80));
    }
}
