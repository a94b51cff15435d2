package io.firedrill.replication;

import io.firedrill.cluster.KafkaCluster;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.mirror.OffsetSync;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * A flow's offset-syncs topic, read from its target cluster: the (upstream, downstream) offset
 * pairs MirrorMaker writes after each replicated record ({@code offset.lag.max=0}, coalesced to
 * at most 10 in flight), folded into an {@link OffsetMapping}. It gives the exact replicated
 * position of every source partition (record lag) and maps a source position to the target
 * (failover gap, failback offsets).
 */
final class OffsetSyncLog implements AutoCloseable {

    private final OffsetMapping mapping = new OffsetMapping();
    /** Per source partition: timestamps of its first and newest offset sync, i.e. when MirrorMaker wrote those records. */
    private final Map<TopicPartition, long[]> syncTimes = new HashMap<>();
    private final TopicTail tail;

    OffsetSyncLog(KafkaCluster target, String topic, Duration timeout) {
        this.tail = new TopicTail(target, topic, timeout, record -> {
            OffsetSync sync = OffsetSync.deserializeRecord(record);
            synchronized (mapping) {
                mapping.add(sync.topicPartition(), sync.upstreamOffset(), sync.downstreamOffset());
                long[] times = syncTimes.computeIfAbsent(sync.topicPartition(), tp -> new long[] {record.timestamp(), record.timestamp()});
                times[1] = Math.max(times[1], record.timestamp());
            }
        });
    }

    /** Reads what MirrorMaker appended since the last call; false when nothing was replicated yet. */
    boolean refresh(Duration timeout) {
        return tail.refresh(timeout);
    }

    /** See {@link OffsetMapping#replicatedUpTo}. */
    OptionalLong replicatedUpTo(TopicPartition source) {
        synchronized (mapping) {
            return mapping.replicatedUpTo(source);
        }
    }

    /** See {@link OffsetMapping#downstreamPosition}. */
    OptionalLong downstreamPosition(TopicPartition source, long upstreamPosition) {
        synchronized (mapping) {
            return mapping.downstreamPosition(source, upstreamPosition);
        }
    }

    /**
     * From the first to the newest offset sync of these partitions: how long MirrorMaker took to
     * copy them, by its own clock; 0 when none was copied.
     */
    long copyMillis(Collection<TopicPartition> sources) {
        synchronized (mapping) {
            long first = Long.MAX_VALUE;
            long last = Long.MIN_VALUE;
            for (TopicPartition source : sources) {
                long[] times = syncTimes.get(source);
                if (times != null) {
                    first = Math.min(first, times[0]);
                    last = Math.max(last, times[1]);
                }
            }
            return first == Long.MAX_VALUE ? 0 : last - first;
        }
    }

    String describe(TopicPartition source) {
        synchronized (mapping) {
            return mapping.describe(source);
        }
    }

    @Override
    public void close() {
        tail.close();
    }
}
