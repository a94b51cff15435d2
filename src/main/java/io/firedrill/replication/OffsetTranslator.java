package io.firedrill.replication;

import io.firedrill.support.KafkaAdmin;
import io.firedrill.cluster.KafkaCluster;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.mirror.ReplicationPolicy;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

/**
 * Failover offsets: where each consumer group resumes on the backup.
 *
 * <p>Per partition it takes the freshest of the translations it is allowed ({@link ResumeOffset#MIRRORMAKER_SYNCED},
 * {@link ResumeOffset#CHECKPOINTS} or all three, {@link ResumeOffset#LAST_SEEN}): the group offset MirrorMaker
 * synced to the backup (written only while the group is empty there, every sync interval), its newest
 * checkpoint (the record {@code RemoteClusterUtils.translateOffsets} returns, every checkpoint interval,
 * sometimes ahead of the sync; read here by {@link CheckpointLog}, which has bounded timeouts),
 * and the group's committed offsets last seen on the primary mapped through the offset syncs as
 * MirrorMaker's checkpoint task maps them (fresher still, and there for a group that joined less
 * than a checkpoint interval before the disaster). All are at or before the group's real
 * position, so the largest re-reads least and skips nothing (a drill never rewinds a group on
 * the primary). A partition of a topic the group read but without any translation starts at
 * the log start: re-reads, never skips. With {@code prefixed}, the backup's own topics (where
 * producers write after failover) start at their beginning.
 */
public final class OffsetTranslator implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final ReplicationFlow flow;
    private final ReplicationPolicy policy;
    private final KafkaCluster backup;
    private final Admin admin;
    private final OffsetSyncLog offsetSyncs;
    private final CheckpointLog checkpoints;
    private final boolean ownsLogs;
    /** The backup's end offsets at the first translation, before clients write there. */
    private final Map<TopicPartition, Long> endsAtFailover = new HashMap<>();

    /** Reads the flow's checkpoints and offset syncs from the backup itself, from their beginning. */
    public OffsetTranslator(ReplicationFlow forward, KafkaCluster backup) {
        this(forward, backup, new OffsetSyncLog(backup, forward.offsetSyncsTopic(), TIMEOUT),
                new CheckpointLog(backup, forward.checkpointsTopic(), TIMEOUT), true);
    }

    /** Uses the monitor's checkpoints and offset syncs, already read up to its last sample: fast at failover. */
    public static OffsetTranslator using(ReplicationMonitor monitor) {
        return new OffsetTranslator(monitor.flow(), monitor.target(), monitor.offsetSyncs(), monitor.checkpoints(), false);
    }

    private OffsetTranslator(ReplicationFlow forward, KafkaCluster backup, OffsetSyncLog offsetSyncs,
                             CheckpointLog checkpoints, boolean ownsLogs) {
        this.flow = forward;
        this.policy = forward.replicationPolicy();
        this.backup = backup;
        this.admin = KafkaClients.admin(backup, "failover", TIMEOUT);
        this.offsetSyncs = offsetSyncs;
        this.checkpoints = checkpoints;
        this.ownsLogs = ownsLogs;
    }

    /**
     * @param lastKnownPrimaryOffsets the group's committed offsets on the primary as last seen
     *                                ({@link ReplicationMonitor#lastKnownGroupOffsets}); names the
     *                                topics the group read even where no checkpoint exists yet
     * @param bases                   the translations allowed; partitions none of them covers start at the log start
     */
    public GroupResume translate(String group, Map<TopicPartition, Long> lastKnownPrimaryOffsets, Set<ResumeOffset.Basis> bases) {
        try {
            Map<TopicPartition, ResumeOffset> offsets = new TreeMap<>(TopicPartitionOrder.INSTANCE);
            if (bases.contains(ResumeOffset.Basis.SYNCED)) {
                admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().forEach((tp, offset) -> {
                    if (offset != null) {
                        offsets.put(tp, new ResumeOffset(offset.offset(), ResumeOffset.Basis.SYNCED));
                    }
                });
            }
            if (bases.contains(ResumeOffset.Basis.CHECKPOINT)) {
                checkpoints.refresh(TIMEOUT);
                checkpoints.offsets(group).forEach((tp, offset) -> {
                    ResumeOffset synced = offsets.get(tp);
                    if (synced == null || offset > synced.offset()) {
                        offsets.put(tp, new ResumeOffset(offset, ResumeOffset.Basis.CHECKPOINT));
                    }
                });
            }

            offsetSyncs.refresh(TIMEOUT);
            lastKnownPrimaryOffsets.forEach((primaryTp, committed) -> {
                if (!bases.contains(ResumeOffset.Basis.TRANSLATED) || !flow.replicates(primaryTp.topic())) {
                    return;
                }
                TopicPartition backupTp = replicaOf(primaryTp);
                offsetSyncs.downstreamPosition(primaryTp, committed).ifPresent(position -> {
                    ResumeOffset known = offsets.get(backupTp);
                    if (known == null || position > known.offset()) {
                        offsets.put(backupTp, new ResumeOffset(position, ResumeOffset.Basis.TRANSLATED));
                    }
                });
            });

            Set<String> primaryTopics = new HashSet<>();
            lastKnownPrimaryOffsets.keySet().forEach(tp -> primaryTopics.add(tp.topic()));
            offsets.keySet().forEach(tp -> primaryTopics.add(policy.originalTopic(tp.topic())));
            Map<String, ResumeOffset.Basis> backupTopics = new LinkedHashMap<>();
            for (String topic : primaryTopics) {
                if (flow.replicates(topic)) {
                    backupTopics.put(flow.remoteTopic(topic), ResumeOffset.Basis.EARLIEST);
                }
                if (!flow.remoteTopic(topic).equals(topic)) {
                    backupTopics.put(topic, ResumeOffset.Basis.LOCAL_TOPIC);
                }
            }
            fillFromLogStart(offsets, backupTopics);
            rememberEnds(offsets.keySet());
            return new GroupResume(group, backup.name(), offsets, null, 0);
        } catch (ExecutionException | KafkaException e) {
            throw new ReplicationException("cannot translate the offsets of group " + group + " on "
                    + backup.name() + ": " + KafkaAdmin.rootMessage(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReplicationException("interrupted while translating the offsets of group " + group, e);
        }
    }

    /** The backup partition MirrorMaker replicates a primary partition into. */
    private TopicPartition replicaOf(TopicPartition primaryPartition) {
        return new TopicPartition(flow.remoteTopic(primaryPartition.topic()), primaryPartition.partition());
    }

    /** Partitions of the group's backup topics that have no offset yet start at their log start. */
    private void fillFromLogStart(Map<TopicPartition, ResumeOffset> offsets, Map<String, ResumeOffset.Basis> topics)
            throws ExecutionException, InterruptedException {
        Set<String> existing = admin.listTopics().names().get();
        Set<String> present = topics.keySet().stream().filter(existing::contains).collect(Collectors.toSet());
        if (present.isEmpty()) {
            return;
        }
        Map<TopicPartition, OffsetSpec> missing = new HashMap<>();
        for (TopicDescription description : admin.describeTopics(present).allTopicNames().get().values()) {
            description.partitions().forEach(info -> {
                TopicPartition tp = new TopicPartition(description.name(), info.partition());
                if (!offsets.containsKey(tp)) {
                    missing.put(tp, OffsetSpec.earliest());
                }
            });
        }
        if (!missing.isEmpty()) {
            admin.listOffsets(missing).all().get().forEach((tp, info) ->
                    offsets.put(tp, new ResumeOffset(info.offset(), topics.get(tp.topic()))));
        }
    }

    private void rememberEnds(Set<TopicPartition> partitions) throws ExecutionException, InterruptedException {
        Set<TopicPartition> unknown = partitions.stream().filter(tp -> !endsAtFailover.containsKey(tp)).collect(Collectors.toSet());
        endsAtFailover.putAll(KafkaAdmin.endOffsets(admin, unknown));
    }

    /**
     * Commits the resume offsets to the group on the backup. The group must be empty there: its
     * consumers join after this, or the commit is refused.
     */
    public void commit(GroupResume failover) {
        failover.commit(admin, "failover");
    }

    /**
     * The translation gap: how many records before the group's last known committed position on
     * the primary it resumes on the backup, mapped through the flow's offset syncs. Where the
     * group had read past the last offset sync (a killed MirrorMaker loses the syncs of its last
     * few records), the records the backup holds beyond that sync count too, up to the group's
     * position: the backup's end at failover is where MirrorMaker's writes stopped.
     */
    public GroupResume withGap(GroupResume failover, Map<TopicPartition, Long> lastKnownPrimaryOffsets) {
        if (lastKnownPrimaryOffsets.isEmpty()) {
            return failover;
        }
        offsetSyncs.refresh(Duration.ofSeconds(10));
        long gap = 0;
        int unknown = 0;
        for (Map.Entry<TopicPartition, Long> committed : lastKnownPrimaryOffsets.entrySet()) {
            TopicPartition primaryTp = committed.getKey();
            if (!flow.replicates(primaryTp.topic())) {
                continue;
            }
            TopicPartition backupTp = replicaOf(primaryTp);
            ResumeOffset resume = failover.offsets().get(backupTp);
            long groupAt = committed.getValue();
            OptionalLong position = offsetSyncs.downstreamPosition(primaryTp, groupAt);
            if (resume == null || position.isEmpty()) {
                unknown++;
                continue;
            }
            long upTo = offsetSyncs.replicatedUpTo(primaryTp).orElse(groupAt);
            long onBackup = position.getAsLong();
            if (groupAt > upTo && endsAtFailover.containsKey(backupTp)) {
                onBackup += Math.max(0, Math.min(groupAt - upTo, endsAtFailover.get(backupTp) - onBackup));
            }
            gap += Math.max(0, onBackup - resume.offset());
        }
        return failover.withGap(gap, unknown);
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(1));
        if (ownsLogs) {
            offsetSyncs.close();
            checkpoints.close();
        }
    }
}
