package io.firedrill.cluster;

import io.firedrill.support.FreePorts;
import io.firedrill.support.HostPort;
import io.firedrill.support.InfrastructureException;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * What every backend that runs its own brokers promises: a 3-broker primary and a 1-broker
 * backup of real Kafka that a drill can kill, pause, restart and rebuild, and that leave nothing
 * behind when closed. One pair of clusters serves every test of a subclass; the test that
 * rebuilds a cluster runs last.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public abstract class KafkaClusterContract {

    private KafkaCluster primary;
    private KafkaCluster backup;

    protected abstract ClusterBackend backend();

    /** True while the broker's process or container is alive; a paused broker is alive. */
    protected abstract boolean runs(KafkaBroker broker);

    /** What this machine knows the broker as (a pid, a container id): distinct per broker. */
    protected abstract String identity(KafkaBroker broker);

    /** What still exists after both clusters were closed, given the identities their brokers had. */
    protected abstract List<String> leftovers(List<String> identitiesBeforeClose);

    @BeforeAll
    void startBothClustersInParallel() {
        ClusterBackend backend = backend();
        CompletableFuture<KafkaCluster> primaryStart = CompletableFuture.supplyAsync(() -> backend.start(ClusterSpec.of("primary", 3)));
        CompletableFuture<KafkaCluster> backupStart = CompletableFuture.supplyAsync(() -> backend.start(ClusterSpec.of("backup", 1)));
        CompletableFuture.allOf(primaryStart, backupStart).exceptionally(failure -> null).join();
        // keep whichever started, so @AfterAll closes it, then fail with what did not
        primary = primaryStart.isCompletedExceptionally() ? null : primaryStart.join();
        backup = backupStart.isCompletedExceptionally() ? null : backupStart.join();
        primaryStart.join();
        backupStart.join();
    }

    @AfterAll
    void closeLeavesNothingRunning() {
        List<String> identities = new ArrayList<>();
        for (KafkaCluster cluster : Stream.of(primary, backup).filter(Objects::nonNull).toList()) {
            cluster.brokers().forEach(broker -> identities.add(identity(broker)));
            cluster.close();
        }
        assertThat(leftovers(identities)).isEmpty();
    }

    @Test
    @Order(1)
    protected void eachClusterServesRealTrafficOnItsOwnBrokers() throws Exception {
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
        assertThat(primary.brokers()).allSatisfy(broker -> assertThat(runs(broker)).as("%s runs", broker).isTrue());
        assertThat(primary.brokers().stream().map(this::identity).filter(Objects::nonNull).distinct()).hasSize(3);
    }

    @Test
    @Order(2)
    protected void sigkillOfOneBrokerLosesNoRecordAcknowledgedByAllInSyncReplicas() throws Exception {
        String topic = "acked-all";
        TestClients.createTopic(primary.bootstrapServers(), topic, 3, 3, Map.of("min.insync.replicas", "2"));
        int ackedBefore = TestClients.produce(primary.bootstrapServers(), topic, "before-", 5000, "all");

        KafkaBroker victim = primary.broker(leaderOfPartitionZero(topic));
        victim.kill();
        assertThat(runs(victim)).as("%s runs after kill", victim).isFalse();
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
    protected void pausedBrokerAnswersNothingUntilResumed() throws Exception {
        KafkaBroker broker = backup.broker(0);
        broker.pause();
        assertThat(broker.state()).isEqualTo(BrokerState.PAUSED);
        assertThat(runs(broker)).as("a paused broker is alive").isTrue();
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
    protected void cleanStopAndRestartKeepTheData() throws Exception {
        KafkaBroker broker = backup.broker(0);
        broker.stop();
        assertThat(broker.state()).isEqualTo(BrokerState.STOPPED);
        assertThat(runs(broker)).as("a stopped broker runs").isFalse();
        broker.start();
        assertThat(TestClients.readAll(backup.bootstrapServers(), "traffic")).hasSize(3000);
    }

    @Test
    @Order(5)
    protected void rebuiltClusterIsEmptyAndServes() throws Exception {
        backup.rebuildEmpty();
        try (Admin admin = TestClients.admin(backup.bootstrapServers())) {
            assertThat(admin.listTopics().names().get()).doesNotContain("traffic");
        }
        TestClients.createTopic(backup.bootstrapServers(), "after-rebuild", 1, 1, Map.of());
        assertThat(TestClients.produce(backup.bootstrapServers(), "after-rebuild", "x", 100, "all")).isEqualTo(100);
        assertThat(TestClients.readAll(backup.bootstrapServers(), "after-rebuild")).hasSize(100);
    }

    @Test
    @Order(6)
    protected void aBrokerThatCannotStartFailsAtOnceWithItsLogTail() {
        ClusterSpec broken = ClusterSpec.of("broken", 1).withBrokerConfig(Map.of("num.io.threads", "none"));
        long started = System.nanoTime();
        assertThatThrownBy(() -> backend().start(broken))
                .isInstanceOfSatisfying(InfrastructureException.class, e -> {
                    assertThat(e.getMessage()).startsWith("cluster 'broken' could not start: broken/broker-0 exited");
                    assertThat(e.logs()).flatExtracting(InfrastructureException.LogExcerpt::lines)
                            .anyMatch(line -> line.contains("num.io.threads"));
                });
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("failing fast, not at the start timeout")
                .isLessThan(Duration.ofSeconds(60));
    }

    @Test
    @Order(7)
    protected void clientsOfAProxiedListenerAreToldTheProxyAndGoThroughIt() throws Exception {
        HostPort proxy = HostPort.loopback(FreePorts.next());
        ClusterSpec spec = ClusterSpec.of("proxied", 1).withClientListeners(List.of(
                new ClusterSpec.ClientListener("CLIENTS", List.of(proxy)),
                new ClusterSpec.ClientListener("OPEN", List.of())));
        try (KafkaCluster cluster = backend().start(spec);
             TcpForwarder forwarder = new TcpForwarder(proxy.port(), cluster.broker(0).listenerAddress("CLIENTS"))) {
            String viaProxy = cluster.bootstrapServers("CLIENTS");
            assertThat(viaProxy).isEqualTo(proxy.toString());
            assertThat(cluster.bootstrapServers("OPEN")).isEqualTo(cluster.broker(0).listenerAddress("OPEN").toString());

            try (Admin admin = TestClients.admin(viaProxy)) {
                assertThat(admin.describeCluster().nodes().get()).singleElement()
                        .satisfies(node -> assertThat(new HostPort(node.host(), node.port())).isEqualTo(proxy));
            }
            TestClients.createTopic(viaProxy, "proxied", 1, 1, Map.of());
            assertThat(TestClients.produce(viaProxy, "proxied", "p", 200, "all")).isEqualTo(200);
            assertThat(TestClients.readAll(cluster.bootstrapServers("OPEN"), "proxied")).hasSize(200);
            assertThat(forwarder.connections()).isGreaterThanOrEqualTo(3);
        }
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
