package io.firedrill.replication;

import io.firedrill.support.KafkaAdmin;
import io.firedrill.cluster.KafkaCluster;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.json.JsonConverterConfig;
import org.apache.kafka.connect.mirror.MirrorSourceConnector;
import org.apache.kafka.connect.mirror.MirrorUtils;
import org.awaitility.core.ConditionTimeoutException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;

import static org.awaitility.Awaitility.await;

/**
 * Starts the forward flow (primary to backup) again after failback, as a new generation that
 * does not send the restored records back to the backup, where they already are.
 *
 * <p>MirrorMaker resumes each source partition at the offset stored in its Connect offset
 * storage. The old generation's offsets belong to the lost primary and mean nothing on the
 * rebuilt one, so the new generation gets a fresh offset storage topic, seeded with the primary's
 * end offsets at failback (taken while no client writes to it): it replicates exactly what is
 * written from then on. The old generation's offset syncs and checkpoints on the backup are
 * deleted too: they map offsets of the lost primary and would otherwise mislead the new
 * checkpoints and the lag figure.
 */
final class ForwardGeneration {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private ForwardGeneration() {}

    /** Result of seeding: the new offset storage and the seeded positions. */
    record Seeded(ReplicationFlow flow, String offsetStorageTopic, Map<TopicPartition, Long> seeds) {}

    static Seeded seed(ReplicationFlow forward, KafkaCluster primary, KafkaCluster backup) {
        String offsetStorage = "mm2-offsets." + forward.source().alias() + "." + forward.run() + ".failback-"
                + System.currentTimeMillis() + ".internal";
        try (Admin backupAdmin = KafkaClients.admin(backup, "failback-backup", TIMEOUT);
             Admin primaryAdmin = KafkaClients.admin(primary, "failback-primary", TIMEOUT)) {
            deleteObsoleteState(backupAdmin, forward);
            backupAdmin.createTopics(List.of(new NewTopic(offsetStorage, 1, (short) forward.internalReplicationFactor())
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)))).all().get();
            KafkaClients.awaitServed(backupAdmin, List.of(offsetStorage), TIMEOUT);

            Map<TopicPartition, Long> ends = primaryEnds(primaryAdmin, forward);
            Map<TopicPartition, Long> seeds = new TreeMap<>(TopicPartitionOrder.INSTANCE);
            try (JsonConverter keys = converter(true); JsonConverter values = converter(false);
                 KafkaProducer<byte[], byte[]> producer = KafkaClients.restoreProducer(backup, "failback-seed")) {
                String connector = MirrorSourceConnector.class.getSimpleName();
                for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
                    if (end.getValue() == 0) {
                        continue; // nothing to skip: MirrorMaker starts at the beginning
                    }
                    // exactly what MirrorSourceTask stores: [connector, {cluster, topic, partition}] -> {offset: last replicated}
                    Map<String, Object> partition = new HashMap<>();
                    partition.put(MirrorUtils.TOPIC_KEY, end.getKey().topic());
                    partition.put(MirrorUtils.PARTITION_KEY, end.getKey().partition());
                    partition.put(MirrorUtils.SOURCE_CLUSTER_KEY, forward.source().alias());
                    byte[] key = keys.fromConnectData(offsetStorage, null, List.of(connector, partition));
                    byte[] value = values.fromConnectData(offsetStorage, null, MirrorUtils.wrapOffset(end.getValue() - 1));
                    producer.send(new ProducerRecord<>(offsetStorage, 0, key, value)).get();
                    seeds.put(end.getKey(), end.getValue());
                }
            }
            return new Seeded(forward.withOverride(ReplicationFlow.OFFSET_STORAGE_TOPIC, offsetStorage), offsetStorage, seeds);
        } catch (ExecutionException e) {
            throw new ReplicationException("cannot seed the new forward flow on " + backup.name() + ": "
                    + KafkaAdmin.rootMessage(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReplicationException("interrupted while seeding the new forward flow", e);
        }
    }

    private static void deleteObsoleteState(Admin admin, ReplicationFlow forward) throws ExecutionException, InterruptedException {
        Set<String> existing = admin.listTopics().names().get();
        List<String> obsolete = new ArrayList<>();
        for (String topic : List.of(forward.offsetSyncsTopic(), forward.checkpointsTopic())) {
            if (existing.contains(topic)) {
                obsolete.add(topic);
            }
        }
        if (obsolete.isEmpty()) {
            return;
        }
        admin.deleteTopics(obsolete).all().get();
        try {
            await("deletion of " + obsolete).atMost(TIMEOUT).pollInterval(Duration.ofMillis(50))
                    .until(() -> admin.listTopics().names().get().stream().noneMatch(obsolete::contains));
        } catch (ConditionTimeoutException e) {
            throw new ReplicationException("the old forward flow's topics " + obsolete + " were not deleted within "
                    + TIMEOUT.toSeconds() + " s");
        }
    }

    /** End offsets of the primary partitions the forward flow replicates (user topics only). */
    private static Map<TopicPartition, Long> primaryEnds(Admin admin, ReplicationFlow forward) throws ExecutionException, InterruptedException {
        var policy = forward.replicationPolicy();
        List<String> topics = admin.listTopics().names().get().stream()
                .filter(forward::replicates)
                .filter(topic -> !policy.isInternalTopic(topic) && !policy.isHeartbeatsTopic(topic) && !topic.endsWith(".replica"))
                .toList();
        if (topics.isEmpty()) {
            return Map.of();
        }
        Set<TopicPartition> partitions = new java.util.HashSet<>();
        admin.describeTopics(topics).allTopicNames().get().values().forEach(description ->
                description.partitions().forEach(info -> partitions.add(new TopicPartition(description.name(), info.partition()))));
        return KafkaAdmin.endOffsets(admin, partitions);
    }

    private static JsonConverter converter(boolean isKey) {
        JsonConverter converter = new JsonConverter();
        converter.configure(Map.of(JsonConverterConfig.SCHEMAS_ENABLE_CONFIG, "false"), isKey);
        return converter;
    }
}
