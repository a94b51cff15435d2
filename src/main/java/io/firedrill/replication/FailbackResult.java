package io.firedrill.replication;

import org.apache.kafka.common.TopicPartition;

import java.util.List;
import java.util.Map;

/**
 * What failback did.
 *
 * @param groups             per group, its resume offsets on the restored primary
 * @param forward            the new forward MirrorMaker (primary to backup), launched; clients
 *                           may return to the primary before it is ready
 * @param offsetStorageTopic the new forward generation's offset storage on the backup
 * @param seeds              per primary partition, the offset the new forward flow starts from
 *                           (the primary's end at failback: everything before it came from the
 *                           backup and is not sent back)
 * @param drainMs            until the restore flow had copied everything and stopped (0 after a storage restore)
 * @param offsetsMs          from the start until the groups' offsets were committed on the primary
 * @param totalMs            until clients could return: offsets committed, forward flow seeded and launched
 */
public record FailbackResult(List<GroupResume> groups, MirrorMaker forward, String offsetStorageTopic,
                             Map<TopicPartition, Long> seeds, long drainMs, long offsetsMs, long totalMs) {

    public FailbackResult {
        groups = List.copyOf(groups);
        seeds = Map.copyOf(seeds);
    }
}
