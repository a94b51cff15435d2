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
import java.util.ArrayList;
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
 * the version's first use (resolution and class-data-sharing archive), which it prints too.
 * Every build boots one other version (3.9.1) once; the nightly set ({@code -Pnightly}) boots
 * 3.6.2, 3.9.1 and 4.3.1 three times each and runs MirrorMaker 2 across versions.
 */
class KafkaVersionsIT {

    private static final boolean NIGHTLY = "all".equals(System.getProperty("firedrill.drill.tags"));
    private static final int BOOTS = NIGHTLY ? 3 : 1;

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
        List<Double> bootMs = new ArrayList<>();
        List<Double> firstAckMs = new ArrayList<>();
        for (int boot = 0; boot < BOOTS; boot++) {
            long started = System.nanoTime();
            try (KafkaCluster cluster = new ProcessClusterBackend().start(ClusterSpec.of("v" + text.replace('.', '-'), 1).withKafka(version))) {
                bootMs.add((System.nanoTime() - started) / 1e6);
                String bootstrap = cluster.bootstrapServers(KafkaCluster.DIRECT);
                TestClients.createTopic(bootstrap, "orders", 3, 1, Map.of());
                assertThat(TestClients.produce(bootstrap, "orders", "r-", 1, "all")).isEqualTo(1);
                firstAckMs.add((System.nanoTime() - started) / 1e6);
                if (boot == 0) {
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
        }
        System.out.printf(Locale.ROOT, "KAFKA-BOOT %s: first use (resolution, archive) %.0f ms; boot %s ms (median %.0f); first ack %s ms (median %.0f)%n",
                version, firstUseMs, round(bootMs), median(bootMs), round(firstAckMs), median(firstAckMs));
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

    private static List<Long> round(List<Double> values) {
        return values.stream().map(Math::round).toList();
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
