package io.firedrill.replication;

import io.firedrill.cluster.KafkaCluster;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.mirror.OffsetSync;

import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;

/**
 * A flow's offset-syncs topic, read from its target cluster: the (upstream, downstream) offset
 * pairs MirrorMaker writes after each replicated record ({@code offset.lag.max=0}, coalesced to
 * at most 10 in flight), folded into an {@link OffsetMapping}. It gives the exact replicated
 * position of every source partition (record lag) and maps a source position to the target
 * (failover gap, failback offsets).
 */
final class OffsetSyncLog implements AutoCloseable {

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final String topic;
    private final OffsetMapping mapping = new OffsetMapping();
    private TopicPartition assigned;

    OffsetSyncLog(KafkaCluster target, String topic, Duration timeout) {
        this.consumer = KafkaClients.consumer(target, "offset-syncs", timeout);
        this.topic = topic;
    }

    /**
     * Reads what MirrorMaker appended since the last call, up to the end offset seen at the call.
     * Returns false when the topic does not exist yet (nothing replicated so far).
     */
    synchronized boolean refresh(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        if (assigned == null) {
            List<PartitionInfo> partitions = consumer.partitionsFor(topic, timeout);
            if (partitions == null || partitions.isEmpty()) {
                return false;
            }
            assigned = new TopicPartition(topic, 0);
            consumer.assign(List.of(assigned));
            consumer.seekToBeginning(List.of(assigned));
        }
        long end = consumer.endOffsets(List.of(assigned), remaining(deadline)).get(assigned);
        while (consumer.position(assigned, remaining(deadline)) < end) {
            if (System.nanoTime() > deadline) {
                throw new org.apache.kafka.common.errors.TimeoutException("reading " + topic + " took longer than " + timeout.toMillis() + " ms");
            }
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(50))) {
                OffsetSync sync = OffsetSync.deserializeRecord(record);
                mapping.add(sync.topicPartition(), sync.upstreamOffset(), sync.downstreamOffset());
            }
        }
        return true;
    }

    private static Duration remaining(long deadline) {
        return Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime()));
    }

    /** See {@link OffsetMapping#replicatedUpTo}. */
    synchronized OptionalLong replicatedUpTo(TopicPartition source) {
        return mapping.replicatedUpTo(source);
    }

    /** See {@link OffsetMapping#downstreamPosition}. */
    synchronized OptionalLong downstreamPosition(TopicPartition source, long upstreamPosition) {
        return mapping.downstreamPosition(source, upstreamPosition);
    }

    synchronized String describe(TopicPartition source) {
        return mapping.describe(source);
    }

    @Override
    public synchronized void close() {
        consumer.close(CloseOptions.timeout(Duration.ofSeconds(1)));
    }
}
