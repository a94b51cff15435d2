package io.firedrill.replication;

import org.apache.kafka.common.TopicPartition;

import java.util.Map;

/**
 * Where one consumer group resumes on a cluster after failover or failback, per partition.
 *
 * @param cluster               where: {@code backup} after failover, {@code primary} after failback
 * @param translationGapRecords records between the resume offsets and the group's last known
 *                              committed position on the cluster it left (what it re-reads);
 *                              null when that position is unknown
 * @param gapUnknownPartitions  partitions whose gap could not be mapped (no offset sync covers them)
 */
public record GroupResume(String group, String cluster, Map<TopicPartition, ResumeOffset> offsets,
                          Long translationGapRecords, int gapUnknownPartitions) {

    public GroupResume {
        offsets = Map.copyOf(offsets);
    }

    GroupResume withGap(Long records, int unknown) {
        return new GroupResume(group, cluster, offsets, records, unknown);
    }
}
