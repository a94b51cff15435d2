package io.firedrill.traffic;

import io.firedrill.cluster.KafkaCluster;
import io.firedrill.verify.CheckReport;
import io.firedrill.verify.Checker;
import io.firedrill.verify.ClusterContentsReader;
import io.firedrill.verify.Ledger;
import io.firedrill.verify.StoredRecords;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.awaitility.Awaitility.await;

/** What the traffic ITs do to real clusters: endpoints, topics, and reading a topic into the checker. */
final class LiveClusters {

    private LiveClusters() {
    }

    static TrafficEndpoint endpoint(KafkaCluster cluster) {
        Map<String, String> properties = cluster.clientProperties().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> String.valueOf(e.getValue())));
        return TrafficEndpoint.of(cluster.name(), cluster.bootstrapServers()).withClientProperties(properties);
    }

    static void createTopic(KafkaCluster cluster, String topic, int partitions, int replicationFactor,
                            Map<String, String> config) throws Exception {
        Map<String, Object> admin = new HashMap<>(cluster.clientProperties());
        admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        try (Admin client = Admin.create(admin)) {
            client.createTopics(List.of(new NewTopic(topic, partitions, (short) replicationFactor).configs(config)))
                    .all().get();
        }
    }

    static Map<TopicPartition, Long> beginning(String topic, int partitions) {
        return IntStream.range(0, partitions).boxed()
                .collect(Collectors.toMap(p -> new TopicPartition(topic, p), p -> 0L));
    }

    /** Lets the producer run until {@code acked} records are acknowledged, then closes it. */
    static void runUntilAcked(TrafficProducer producer, long acked) {
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> producer.stats().acked() >= acked);
        } finally {
            producer.close();
        }
    }

    /** Waits for the group to process everything on its cluster, then closes it. */
    static void drainAndClose(TrafficConsumerGroup group) {
        try {
            group.awaitCaughtUp(Duration.ofSeconds(60));
        } finally {
            group.close();
        }
    }

    /** The checker's verdict when {@code topic} on {@code clusters} (together) is what finally holds the data. */
    static CheckReport check(Ledger ledger, String topic, KafkaCluster... clusters) {
        StoredRecords stored = new StoredRecords(ledger,
                Arrays.stream(clusters).map(KafkaCluster::name).collect(Collectors.joining("+")));
        for (KafkaCluster cluster : clusters) {
            Map<String, Object> config = new HashMap<>(cluster.clientProperties());
            config.put("bootstrap.servers", cluster.bootstrapServers());
            ClusterContentsReader.readAll(config, List.of(topic), stored, Duration.ofSeconds(60));
        }
        return Checker.check(ledger, stored);
    }
}
