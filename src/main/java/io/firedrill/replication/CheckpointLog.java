package io.firedrill.replication;

import io.firedrill.cluster.KafkaCluster;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.mirror.Checkpoint;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * A flow's checkpoints topic on its target: the newest translated offset of every consumer
 * group and partition, the same records {@code RemoteClusterUtils.translateOffsets} reads. Read
 * with Firedrill's own bounded consumer: RemoteClusterUtils' clients take only bootstrap and
 * security settings, so with the checkpoints topic missing it blocks for the consumer's default
 * 60 s, and it re-reads the whole topic for every group.
 */
final class CheckpointLog implements AutoCloseable {

    private final Map<String, Map<TopicPartition, Checkpoint>> newest = new HashMap<>();
    private final TopicTail tail;

    CheckpointLog(KafkaCluster target, String topic, Duration timeout) {
        this.tail = new TopicTail(target, topic, timeout, record -> {
            Checkpoint checkpoint = Checkpoint.deserializeRecord(record);
            synchronized (newest) {
                newest.computeIfAbsent(checkpoint.consumerGroupId(), group -> new HashMap<>())
                        .put(checkpoint.topicPartition(), checkpoint);
            }
        });
    }

    /** Reads what MirrorMaker appended since the last call; false when it wrote no checkpoint yet. */
    boolean refresh(Duration timeout) {
        return tail.refresh(timeout);
    }

    /** The group's newest translated offsets, by target partition. */
    Map<TopicPartition, Long> offsets(String group) {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        synchronized (newest) {
            newest.getOrDefault(group, Map.of()).forEach((tp, checkpoint) -> offsets.put(tp, checkpoint.downstreamOffset()));
        }
        return offsets;
    }

    /** Timestamp of the newest checkpoint, -1 before the first. */
    long newestTimestamp() {
        return tail.newestTimestamp();
    }

    @Override
    public void close() {
        tail.close();
    }
}
