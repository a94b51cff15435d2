package io.firedrill.replication;

import io.firedrill.support.KafkaAdmin;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupNotEmptyException;
import org.apache.kafka.common.errors.UnknownMemberIdException;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;

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

    /**
     * Commits the offsets to the group on {@link #cluster}. The group must be empty there (its
     * consumers join afterwards); otherwise the commit is refused with a message saying so.
     *
     * @param step {@code failover} or {@code failback}, for messages
     */
    void commit(Admin admin, String step) {
        Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
        offsets.forEach((tp, offset) -> commits.put(tp, new OffsetAndMetadata(offset.offset())));
        if (commits.isEmpty()) {
            return;
        }
        try {
            admin.alterConsumerGroupOffsets(group, commits).all().get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownMemberIdException || e.getCause() instanceof GroupNotEmptyException) {
                throw new ReplicationException("group " + group + " has members on " + cluster + ": " + step
                        + " offsets can only be committed while it is empty there; stop its consumers on " + cluster + " first", e);
            }
            throw new ReplicationException("cannot commit the " + step + " offsets of group " + group + " on " + cluster
                    + ": " + KafkaAdmin.rootMessage(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReplicationException("interrupted while committing the " + step + " offsets of group " + group, e);
        }
    }
}
