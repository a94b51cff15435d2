package io.firedrill.replication;

import io.firedrill.cluster.KafkaCluster;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.awaitility.core.ConditionTimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;

/**
 * The harness's own Kafka clients, always on a cluster's DIRECT listener (never a faulted path)
 * and with timeouts short enough that a dead cluster fails a call instead of hanging a drill step.
 */
final class KafkaClients {

    private static final AtomicInteger IDS = new AtomicInteger();
    private static final long PID = ProcessHandle.current().pid();

    private KafkaClients() {}

    static Map<String, Object> base(KafkaCluster cluster, String purpose) {
        return base(cluster.bootstrapServers(), cluster.clientProperties(), purpose);
    }

    static Map<String, Object> base(String bootstrap, Map<String, ?> clientProperties, String purpose) {
        Map<String, Object> config = new HashMap<>(clientProperties);
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        // no group and no transactions, so nothing on a cluster to share; the pid tells two harnesses' clients apart in broker logs
        config.put(CommonClientConfigs.CLIENT_ID_CONFIG, "firedrill-" + purpose + "-" + PID + "-" + IDS.incrementAndGet());
        return config;
    }

    static Admin admin(KafkaCluster cluster, String purpose, Duration timeout) {
        return admin(base(cluster, purpose), timeout);
    }

    static Admin admin(Map<String, Object> base, Duration timeout) {
        Map<String, Object> config = new HashMap<>(base);
        int ms = (int) timeout.toMillis();
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, ms);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, ms);
        config.put(AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG, (long) Math.min(ms, 1000));
        config.put(AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, (long) Math.min(ms, 1000));
        config.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 250L);
        return Admin.create(config);
    }

    /** A consumer without a group: the harness assigns partitions and seeks itself. */
    static KafkaConsumer<byte[], byte[]> consumer(KafkaCluster cluster, String purpose, Duration timeout) {
        return consumer(base(cluster, purpose), timeout);
    }

    static KafkaConsumer<byte[], byte[]> consumer(Map<String, Object> base, Duration timeout) {
        Map<String, Object> config = new HashMap<>(base);
        int ms = (int) timeout.toMillis();
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // what is on the log, unless the caller reads as a read_committed client would
        config.putIfAbsent(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        config.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, ms);
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, ms);
        config.put(ConsumerConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG, (long) Math.min(ms, 1000));
        config.put(ConsumerConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, (long) Math.min(ms, 1000));
        config.put(ConsumerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 250L);
        config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50);
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /**
     * Waits until every partition of freshly created topics is served by its leader. Producing
     * earlier races the partition's opening on the broker: an idempotent producer's first batch
     * can fail with NOT_LEADER while its second is accepted, and the retried first batch is then
     * refused as out of sequence for good (seen here on rebuilt clusters; AutoMQ issue 584
     * describes the same race).
     */
    static void awaitServed(Admin admin, Collection<String> topics, Duration timeout) {
        if (topics.isEmpty()) {
            return;
        }
        try {
            await("partitions of " + topics + " served").atMost(timeout).pollInterval(Duration.ofMillis(50))
                    .ignoreExceptions()
                    .until(() -> {
                        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                        admin.describeTopics(topics).allTopicNames().get().values().forEach(description ->
                                description.partitions().forEach(info -> {
                                    if (info.leader() != null) {
                                        latest.put(new TopicPartition(description.name(), info.partition()), OffsetSpec.latest());
                                    }
                                }));
                        long expected = admin.describeTopics(topics).allTopicNames().get().values().stream()
                                .mapToLong(description -> description.partitions().size()).sum();
                        return latest.size() == expected && admin.listOffsets(latest).all().get().size() == expected;
                    });
        } catch (ConditionTimeoutException e) {
            throw new ReplicationException("the partitions of " + topics + " were not served within " + timeout.toSeconds() + " s");
        }
    }

    /**
     * An idempotent acks=all producer for restores: large batches for throughput, ordered per
     * partition (idempotence keeps order with up to 5 requests in flight).
     */
    static KafkaProducer<byte[], byte[]> restoreProducer(KafkaCluster cluster, String purpose) {
        Map<String, Object> config = base(cluster, purpose);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 10);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024);
        config.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 64L * 1024 * 1024);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000);
        return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }
}
