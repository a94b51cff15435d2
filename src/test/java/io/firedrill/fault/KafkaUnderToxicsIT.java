package io.firedrill.fault;

import io.firedrill.cluster.KafkaCluster;
import io.firedrill.drill.DrillEnvironment;
import io.firedrill.drill.DrillOptions;
import io.firedrill.drill.ReplicationEngine;
import io.firedrill.scenario.ClusterRole;
import io.firedrill.scenario.Scenario;
import io.firedrill.scenario.ScenarioParser;
import io.firedrill.scenario.Step;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Faults hit exactly one path: a latency toxic on {@code replication-link} delays replication but
 * not the clients; a partition of {@code clients->primary} stops the clients but not replication.
 * Real brokers, real MirrorMaker 2, the drill's own proxies and nemesis.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KafkaUnderToxicsIT {

    private DrillEnvironment environment;
    private FaultInjector nemesis;
    private List<Step.Fault> faults;
    private KafkaProducer<String, String> producer;

    @BeforeAll
    void start() {
        Scenario scenario = ScenarioParser.load(Path.of("src/test/resources/fault-drills/path-faults.yaml"));
        faults = scenario.steps().stream().filter(Step.Fault.class::isInstance).map(Step.Fault.class::cast).toList();
        environment = DrillEnvironment.start(scenario, DrillOptions.defaults());
        ReplicationEngine replication = environment.replication();
        nemesis = new FaultInjector(environment.site().network(), new FaultInjector.Surroundings() {
            @Override
            public KafkaCluster cluster(ClusterRole role) {
                return environment.site().cluster(role);
            }

            @Override
            public void killMirrorMaker() {
                replication.kill();
            }

            @Override
            public void startMirrorMaker() {
                replication.restart();
            }
        }, System::currentTimeMillis);
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, environment.endpoints().get("primary.bootstrap.servers"),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 3_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 2_000,
                ProducerConfig.LINGER_MS_CONFIG, 0), new StringSerializer(), new StringSerializer());
    }

    @AfterAll
    void stop() {
        if (producer != null) {
            producer.close(Duration.ZERO);
        }
        if (nemesis != null) {
            nemesis.close();
        }
        if (environment != null) {
            environment.close();
        }
    }

    @Test
    void latencyOnTheReplicationLinkRaisesReplicationLagButNotClientLatency() throws Exception {
        environment.replication().awaitHealthy(Duration.ofSeconds(60));
        Window before = traffic(Duration.ofSeconds(3));

        ActiveFault latency = nemesis.inject(faults.get(0));
        Window during;
        try {
            during = traffic(Duration.ofSeconds(5));
        } finally {
            nemesis.heal(latency);
        }

        System.out.printf("replication lag max: %d ms before, %d ms with 300 ms on the link; client ack p50: %d ms before, %d ms during%n",
                before.maxReplicationLagMs, during.maxReplicationLagMs, before.ackP50(), during.ackP50());
        assertThat(before.failed).isZero();
        assertThat(during.failed).isZero();
        assertThat(during.maxReplicationLagMs).as("replication lag with 300 ms on the replication link")
                .isGreaterThanOrEqualTo(300).isGreaterThan(before.maxReplicationLagMs);
        assertThat(during.ackP50()).as("clients' ack latency stays flat (before: %d ms)", before.ackP50())
                .isLessThan(before.ackP50() + 100);
        environment.replication().awaitCaughtUp(Duration.ofSeconds(60));
    }

    @Test
    void aPartitionOfTheClientsLinkFailsProducersWhileReplicationStaysHealthy() throws Exception {
        environment.replication().awaitHealthy(Duration.ofSeconds(60));
        ActiveFault partition = nemesis.inject(faults.get(1));
        Window cut;
        try {
            cut = traffic(Duration.ofSeconds(6));
            String state = environment.replication().health().state();
            assertThat(state).as("replication with the clients cut off").isIn("healthy", "restored");
        } finally {
            nemesis.heal(partition);
        }
        System.out.printf("clients cut: %d of %d sends failed; replication stayed healthy%n", cut.failed, cut.sent);
        assertThat(cut.acked).as("acks while the clients' link is cut").isZero();
        assertThat(cut.failed).as("sends failing while the clients' link is cut").isPositive();

        await("producers recover after the heal").atMost(Duration.ofSeconds(30))
                .until(() -> traffic(Duration.ofSeconds(1)).acked > 0);
    }

    /** What 50 records/s of acks=all traffic through clients->primary saw over a window. */
    private static final class Window {
        final List<Long> ackMillis = Collections.synchronizedList(new ArrayList<>());
        long sent;
        long acked;
        long failed;
        long maxReplicationLagMs;

        long ackP50() {
            List<Long> sorted = new ArrayList<>(ackMillis);
            Collections.sort(sorted);
            return sorted.isEmpty() ? 0 : sorted.get(sorted.size() / 2);
        }
    }

    private Window traffic(Duration length) throws InterruptedException {
        Window window = new Window();
        List<Future<?>> sends = new ArrayList<>();
        long end = System.nanoTime() + length.toNanos();
        while (System.nanoTime() < end) {
            long sentAt = System.nanoTime();
            sends.add(producer.send(new ProducerRecord<>("orders", "k", "v"), (metadata, error) -> {
                if (error == null) {
                    window.ackMillis.add((System.nanoTime() - sentAt) / 1_000_000);
                }
            }));
            window.sent++;
            ReplicationEngine.Health health = environment.replication().health();
            if (health.lagMs() != null) {
                window.maxReplicationLagMs = Math.max(window.maxReplicationLagMs, health.lagMs());
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
        for (Future<?> send : sends) {
            try {
                send.get(10, TimeUnit.SECONDS);
                window.acked++;
            } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                window.failed++;
            }
        }
        return window;
    }
}
