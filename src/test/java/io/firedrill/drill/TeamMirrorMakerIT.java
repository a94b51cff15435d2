package io.firedrill.drill;

import io.firedrill.cluster.ClusterSpec;
import io.firedrill.cluster.KafkaCluster;
import io.firedrill.cluster.external.ExternalClusterBackend;
import io.firedrill.cluster.process.ProcessClusterBackend;
import io.firedrill.kafka.KafkaDistribution;
import io.firedrill.kafka.KafkaVersion;
import io.firedrill.process.ChildJvm;
import io.firedrill.process.ChildProcesses;
import io.firedrill.replication.MirrorMaker;
import io.firedrill.scenario.ScenarioParser;
import io.firedrill.support.KafkaAdmin;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 15 item 3 on real clusters: a MirrorMaker 2 the team runs (here a child process of the
 * test, with its own aliases {@code east}/{@code west}, Kafka's names and its offset syncs on the
 * source, Kafka's default), and a drill on the external backend with {@code mirrormaker=team}
 * that starts no MirrorMaker of its own: it follows the team's flow through its topics, stops and
 * resumes it through the team's commands (SIGSTOP and SIGCONT, standing in for scaling a
 * deployment to zero and back) and fails over at the team's checkpoints. Nightly: about a minute
 * (the team's MirrorMaker starts first), beyond what one IT may add to the default build.
 */
@EnabledIfSystemProperty(named = "firedrill.drill.tags", matches = "all")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TeamMirrorMakerIT {

    private static final String SCENARIO = """
            name: team-mirrormaker
            description: Follows the team's own MirrorMaker 2, stops it with their command and fails over at its checkpoints.
            tags: [test]
            clusters:
              primary: { brokers: 1 }
              backup: { brokers: 1 }
            topics:
              - name: team-orders
                partitions: 2
                replication-factor: 1
            replication:
              engine: mirrormaker2
              policy: prefixed
              topics: "team-orders"
              groups: "team-.*"
            traffic:
              - producer: { topic: team-orders, rate: 100, keys: 20 }
              - consumer: { group: team-billing, topic: team-orders }
            steps:
              - await: { condition: replication-healthy, timeout: 90s }
              - run: 3s
              - fault: { type: mirrormaker-kill, target: mirrormaker }
              - run: 4s
              - heal: mirrormaker
              - await: { condition: replication-caught-up, timeout: 60s }
              - failover: { to: backup, offsets: checkpoints }
              - run: 2s
              - await: consumers-caught-up
            expect:
              lost-acked-records: 0
              skipped-records: 0
            """;

    @TempDir
    Path work;

    private KafkaCluster primary;
    private KafkaCluster backup;
    private ChildJvm teamMirrorMaker;

    @BeforeAll
    void startClusters() {
        var backend = new ProcessClusterBackend();
        CompletableFuture<KafkaCluster> primaryStart = CompletableFuture.supplyAsync(() -> backend.start(ClusterSpec.of("primary", 1)));
        CompletableFuture<KafkaCluster> backupStart = CompletableFuture.supplyAsync(() -> backend.start(ClusterSpec.of("backup", 1)));
        primary = primaryStart.join();
        backup = backupStart.join();
    }

    @AfterAll
    void stopEverything() {
        if (teamMirrorMaker != null) {
            teamMirrorMaker.close();
        }
        for (KafkaCluster cluster : new KafkaCluster[] {primary, backup}) {
            if (cluster != null) {
                cluster.close();
            }
        }
        System.clearProperty(ExternalClusterBackend.CONFIG_PROPERTY);
        assertThat(ChildProcesses.live()).as("processes this test started").isEmpty();
    }

    @Test
    void aDrillFollowsTheTeamsMirrorMakerThroughItsTopicsAndCommands() throws Exception {
        Path mm2 = work.resolve("team-mm2.properties");
        // what a team's dedicated MirrorMaker 2 might say: its own aliases, Kafka's names, tuned intervals
        Files.writeString(mm2, String.join("\n",
                "clusters=east,west",
                "east.bootstrap.servers=" + primary.bootstrapServers(),
                "west.bootstrap.servers=" + backup.bootstrapServers(),
                "east->west.enabled=true",
                "east->west.topics=team-.*",
                "east->west.groups=team-.*",
                "west->east.enabled=false",
                "west->east.emit.heartbeats.enabled=false",
                "sync.group.offsets.enabled=true",
                "refresh.topics.interval.seconds=1",
                "refresh.groups.interval.seconds=1",
                "emit.checkpoints.interval.seconds=1",
                "sync.group.offsets.interval.seconds=1",
                "emit.heartbeats.interval.seconds=1",
                "offset.lag.max=0",
                "west.offset.flush.interval.ms=500",
                "replication.factor=1",
                "checkpoints.topic.replication.factor=1",
                "heartbeats.topic.replication.factor=1",
                "offset-syncs.topic.replication.factor=1",
                "offset.storage.replication.factor=1",
                "status.storage.replication.factor=1",
                "config.storage.replication.factor=1",
                "") + "\n");
        teamMirrorMaker = ChildJvm.builder("team-mirrormaker", MirrorMaker.MAIN_CLASS)
                .classpath(KafkaDistribution.of(KafkaVersion.HARNESS).classpath())
                .jvmOptions(List.of("-Xmx256m", "-XX:TieredStopAtLevel=1"))
                .args(List.of(mm2.toString()))
                .log(work.resolve("team-mirrormaker.log"))
                .start();
        Path external = work.resolve("external.properties");
        Files.writeString(external, String.join("\n",
                "primary.bootstrap.servers=" + primary.bootstrapServers(),
                "backup.bootstrap.servers=" + backup.bootstrapServers(),
                "mirrormaker=team",
                "mirrormaker.config=team-mm2.properties",
                "mirrormaker.source.alias=east",
                "mirrormaker.target.alias=west",
                "mirrormaker.kill.command=kill -STOP " + teamMirrorMaker.pid(),
                "mirrormaker.restart.command=kill -CONT " + teamMirrorMaker.pid(),
                ""));
        System.setProperty(ExternalClusterBackend.CONFIG_PROPERTY, external.toString());

        DrillResult result = new DrillRunner(DrillOptions.defaults().withBackend("external"))
                .run(ScenarioParser.parse("team-mirrormaker.yaml", SCENARIO).orThrow(), DrillListener.SILENT);

        assertThat(result.verdict()).as(result.failures() + " " + result.error() + " " + result.logTails()).isEqualTo(DrillResult.Verdict.PASS);
        assertThat(result.replication().settings().base()).contains("the team's MirrorMaker 2 (east->west");
        assertThat(result.replication().settings().harnessSettings()).isEmpty();
        // the stopped MirrorMaker showed in its topics: the backup fell behind while it was stopped
        long laggedMost = result.series().samples().stream().map(DrillResult.Sample::replicationLagRecords)
                .filter(Objects::nonNull).mapToLong(Long::longValue).max().orElse(0);
        assertThat(laggedMost).as("records behind while the team's MirrorMaker was stopped").isGreaterThan(150);
        assertThat(result.replication().failover().groups()).singleElement().satisfies(group ->
                // the team's prefixed names: the replica east.team-orders at its checkpoints, the backup's own team-orders from its start
                assertThat(group.partitions()).extracting(p -> p.topic() + "-" + p.partition() + " " + p.basis())
                        .containsExactlyInAnyOrder("east.team-orders-0 checkpoint", "east.team-orders-1 checkpoint",
                                "team-orders-0 local-topic", "team-orders-1 local-topic"));
        assertThat(result.records().skipped()).isZero();
        assertThat(teamMirrorMaker.isAlive()).as("the team's MirrorMaker is theirs: the drill leaves it running").isTrue();
        try (Admin admin = KafkaAdmin.create(Map.of("bootstrap.servers", backup.bootstrapServers()), "team-check", Duration.ofSeconds(10))) {
            assertThat(admin.listTopics().names().get()).as("the team's names on the backup, none of a Firedrill MirrorMaker")
                    .contains("east.team-orders", "heartbeats", "east.checkpoints.internal")
                    .noneMatch(topic -> topic.contains("fd-"));
        }
    }
}
