package io.firedrill.cluster;

import io.firedrill.cluster.process.ProcessClusterBackend;
import io.firedrill.drill.ClassDataArchiveTool;
import io.firedrill.kafka.KafkaDistribution;
import io.firedrill.kafka.KafkaVersion;
import io.firedrill.replication.MirrorMaker;
import io.firedrill.replication.ReplicationEndpoint;
import io.firedrill.replication.ReplicationFlow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Older Kafka lines on the process backend: each version's brokers boot from that version's own
 * jars, formatted by its own storage tool, and serve the harness's clients; MirrorMaker 2 of one
 * version copies between clusters of two others. Prints the boot time of each version next to
 * the harness's own (1 node, process start to serving, then to the first acks=all record), after
 * the version's first use (resolution and class-data-sharing archive), which it prints too: one
 * boot each, so a figure to read, not a comparison (boots of one version after the other drift
 * with the machine's load; {@code KafkaBootReport} alternates them).
 * Every build boots one other version (3.9.1); the nightly set ({@code -Pnightly}) boots 3.6.2,
 * 3.9.1 and 4.3.1 and runs MirrorMaker 2 across versions.
 */
class KafkaVersionsIT {

    private static final boolean NIGHTLY = "all".equals(System.getProperty("firedrill.drill.tags"));

    static List<String> versions() {
        return NIGHTLY ? List.of("3.6.2", "3.9.1", "4.3.1") : List.of("3.9.1");
    }

    @ParameterizedTest(name = "Kafka {0}")
    @MethodSource("versions")
    void aClusterOfThatVersionServesProducersAndConsumers(String text) throws Exception {
        KafkaVersion version = KafkaVersion.parse(text);
        long firstUseStarted = System.nanoTime();
        KafkaDistribution kafka = KafkaDistribution.of(version);
        ClassDataArchiveTool.ensure(version, System.out);
        double firstUseMs = (System.nanoTime() - firstUseStarted) / 1e6;
        long started = System.nanoTime();
        try (KafkaCluster cluster = new ProcessClusterBackend().start(ClusterSpec.of("v" + text.replace('.', '-'), 1).withKafka(version))) {
            double bootMs = (System.nanoTime() - started) / 1e6;
            String bootstrap = cluster.bootstrapServers(KafkaCluster.DIRECT);
            TestClients.createTopic(bootstrap, "orders", 3, 1, Map.of());
            assertThat(TestClients.produce(bootstrap, "orders", "r-", 1, "all")).isEqualTo(1);
            double firstAckMs = (System.nanoTime() - started) / 1e6;
            System.out.printf(Locale.ROOT, "KAFKA-BOOT %s: first use (resolution, archive) %.0f ms; boot %.0f ms; first ack %.0f ms%n",
                    version, firstUseMs, bootMs, firstAckMs);
            assertThat(TestClients.produce(bootstrap, "orders", "v-", 500, "all")).isEqualTo(500);
            assertThat(TestClients.readAll(bootstrap, "orders")).hasSize(501).contains("v-0", "v-499");
            // the broker runs that version's jars, not the harness's
            Path brokerLog = cluster.brokers().get(0).logFile();
            assertThat(Files.readString(brokerLog)).contains("Kafka Server started");
            assertThat(kafka.classpath()).contains(version.isHarness() ? "kafka_2.13-" : "kafka_2.13-" + version + ".jar");
            if (!version.isHarness()) {
                // that version's StorageTool formatted the node in the broker's own JVM: no
                // formatter JVM of its own, whose start made every other version boot slower
                assertThat(Files.readString(brokerLog)).contains("Formatting");
                assertThat(brokerLog.resolveSibling("storage-format.log")).doesNotExist();
            }
            // a restart keeps the data (no second format); a rebuild serves again, empty
            cluster.killAll();
            cluster.startAll();
            assertThat(TestClients.readAll(bootstrap, "orders")).hasSize(501);
            cluster.rebuildEmpty();
            TestClients.createTopic(bootstrap, "orders", 3, 1, Map.of());
            assertThat(TestClients.readAll(bootstrap, "orders")).isEmpty();
        }
    }

    @Test
    @EnabledIfSystemProperty(named = "firedrill.drill.tags", matches = "all")
    void mirrorMakerOfOneVersionReplicatesBetweenClustersOfOthers() throws Exception {
        KafkaVersion old = KafkaVersion.parse("3.9.1");
        ProcessClusterBackend backend = new ProcessClusterBackend();
        try (KafkaCluster primary = backend.start(ClusterSpec.of("primary", 1).withKafka(old));
             KafkaCluster backup = backend.start(ClusterSpec.of("backup", 1))) {
            String source = primary.bootstrapServers(KafkaCluster.DIRECT);
            String target = backup.bootstrapServers(KafkaCluster.DIRECT);
            TestClients.createTopic(source, "orders", 3, 1, Map.of());
            assertThat(TestClients.produce(source, "orders", "m-", 300, "all")).isEqualTo(300);
            ReplicationFlow flow = ReplicationFlow.between(ReplicationEndpoint.of("primary", source), ReplicationEndpoint.of("backup", target))
                    .withTopics("orders").withKafka(old);
            try (MirrorMaker mirrorMaker = MirrorMaker.start(flow)) {
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                        assertThat(TestClients.readAll(target, "orders")).hasSize(300));
                assertThat(mirrorMaker.logged("MirrorMaker")).isTrue();
            }
        }
    }

}
