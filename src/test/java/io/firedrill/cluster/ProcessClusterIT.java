package io.firedrill.cluster;

import io.firedrill.cluster.process.ProcessClusterBackend;
import io.firedrill.process.ChildProcesses;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The process backend's promise: a 3-broker primary and a 1-broker backup of real Kafka that a
 * drill can kill, pause and rebuild. One pair of clusters serves every test of this class; the
 * test that rebuilds a cluster runs last.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProcessClusterIT {

    private final ClusterBackend backend = new ProcessClusterBackend();
    private KafkaCluster primary;
    private KafkaCluster backup;
    private Set<Long> brokerPids;

    @BeforeAll
    void startBothClustersInParallel() {
        CompletableFuture<KafkaCluster> primaryStart = CompletableFuture.supplyAsync(() -> backend.start(ClusterSpec.of("primary", 3)));
        CompletableFuture<KafkaCluster> backupStart = CompletableFuture.supplyAsync(() -> backend.start(ClusterSpec.of("backup", 1)));
        primary = primaryStart.join();
        backup = backupStart.join();
    }

    @AfterAll
    void closeLeavesNoBrokerProcess() {
        brokerPids = new HashSet<>();
        for (KafkaCluster cluster : List.of(primary, backup)) {
            cluster.brokers().forEach(broker -> brokerPids.add(broker.pid()));
            cluster.close();
        }
        assertThat(brokerPids).allSatisfy(pid ->
                assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("broker pid %d alive", pid).isFalse());
        assertThat(ChildProcesses.live()).isEmpty();
    }

    @Test
    @Order(1)
    void eachClusterServesRealTrafficOnItsOwnBrokers() throws Exception {
        assertThat(primary.brokers()).hasSize(3).allSatisfy(b -> assertThat(b.state()).isEqualTo(BrokerState.RUNNING));
        assertThat(backup.brokers()).hasSize(1);
        for (KafkaCluster cluster : List.of(primary, backup)) {
            int rf = cluster.brokers().size();
            TestClients.createTopic(cluster.bootstrapServers(), "traffic", 3, rf, Map.of());
            assertThat(TestClients.produce(cluster.bootstrapServers(), "traffic", cluster.name() + "-", 3000, "all")).isEqualTo(3000);
            List<String> read = TestClients.readAll(cluster.bootstrapServers(), "traffic");
            assertThat(read).hasSize(3000).doesNotHaveDuplicates().allMatch(value -> value.startsWith(cluster.name() + "-"));
        }
        try (Admin admin = TestClients.admin(primary.bootstrapServers())) {
            assertThat(admin.describeCluster().nodes().get()).hasSize(3);
        }
        assertThat(primary.brokers().stream().map(KafkaBroker::pid).distinct()).hasSize(3);
    }

    @Test
    @Order(2)
    void sigkillOfOneBrokerLosesNoRecordAcknowledgedByAllInSyncReplicas() throws Exception {
        String topic = "acked-all";
        TestClients.createTopic(primary.bootstrapServers(), topic, 3, 3, Map.of("min.insync.replicas", "2"));
        int ackedBefore = TestClients.produce(primary.bootstrapServers(), topic, "before-", 5000, "all");

        KafkaBroker victim = primary.broker(leaderOfPartitionZero(topic));
        long pid = victim.pid();
        victim.kill();
        assertThat(ProcessHandle.of(pid)).isEmpty();
        assertThat(victim.state()).isEqualTo(BrokerState.KILLED);

        String survivors = survivorsBootstrap(victim);
        int ackedAfter = TestClients.produce(survivors, topic, "after-", 2000, "all");
        List<String> read = TestClients.readAll(survivors, topic);
        assertThat(read).doesNotHaveDuplicates().hasSize(ackedBefore + ackedAfter);

        victim.start();
        assertThat(victim.state()).isEqualTo(BrokerState.RUNNING);
        await("restarted broker back in every ISR").atMost(Duration.ofSeconds(60)).until(() -> isrSizes(topic).stream().allMatch(size -> size == 3));
        assertThat(TestClients.readAll(primary.bootstrapServers(), topic)).hasSize(7000);
    }

    @Test
    @Order(3)
    void pausedBrokerAnswersNothingUntilResumed() throws Exception {
        KafkaBroker broker = backup.broker(0);
        broker.pause();
        assertThat(broker.state()).isEqualTo(BrokerState.PAUSED);
        assertThat(ProcessHandle.of(broker.pid()).map(ProcessHandle::isAlive)).contains(true);
        try (Admin admin = TestClients.admin(backup.bootstrapServers())) {
            assertThatThrownBy(() -> admin.describeCluster().nodes().get(2, TimeUnit.SECONDS))
                    .isInstanceOf(java.util.concurrent.TimeoutException.class);
            broker.resume();
            assertThat(broker.state()).isEqualTo(BrokerState.RUNNING);
            assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS)).hasSize(1);
        }
    }

    @Test
    @Order(4)
    void cleanStopAndRestartKeepTheData() throws Exception {
        KafkaBroker broker = backup.broker(0);
        broker.stop();
        assertThat(broker.state()).isEqualTo(BrokerState.STOPPED);
        broker.start();
        assertThat(TestClients.readAll(backup.bootstrapServers(), "traffic")).hasSize(3000);
    }

    @Test
    @Order(5)
    void rebuiltClusterIsEmptyAndServes() throws Exception {
        backup.rebuildEmpty();
        try (Admin admin = TestClients.admin(backup.bootstrapServers())) {
            assertThat(admin.listTopics().names().get()).doesNotContain("traffic");
        }
        TestClients.createTopic(backup.bootstrapServers(), "after-rebuild", 1, 1, Map.of());
        assertThat(TestClients.produce(backup.bootstrapServers(), "after-rebuild", "x", 100, "all")).isEqualTo(100);
        assertThat(TestClients.readAll(backup.bootstrapServers(), "after-rebuild")).hasSize(100);
    }

    private int leaderOfPartitionZero(String topic) throws Exception {
        try (Admin admin = TestClients.admin(primary.bootstrapServers())) {
            TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
            return description.partitions().get(0).leader().id();
        }
    }

    private List<Integer> isrSizes(String topic) throws Exception {
        try (Admin admin = TestClients.admin(primary.bootstrapServers())) {
            return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().stream()
                    .map(partition -> partition.isr().size()).toList();
        }
    }

    private String survivorsBootstrap(KafkaBroker victim) {
        return primary.brokers().stream().filter(broker -> broker != victim)
                .map(broker -> broker.listenerAddress(KafkaCluster.DIRECT).toString())
                .reduce((a, b) -> a + "," + b).orElseThrow();
    }
}
