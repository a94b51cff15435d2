package io.firedrill.replication;

import io.firedrill.support.KafkaAdmin;
import io.firedrill.cluster.KafkaCluster;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;

/**
 * The failback step: clients return to the restored primary and forward replication resumes.
 *
 * <p>After a restore from the backup ({@link #afterReverseReplication}), with the clients'
 * producers stopped on the backup and its consumers stopped:
 * <ol>
 *   <li>drain: wait until the restore flow has copied everything the backup holds, then stop it;</li>
 *   <li>translate every group's committed offsets on the backup to the primary, exactly, through
 *       the restore flow's offset syncs, and commit them on the primary (where the group is empty);
 *       with {@code prefixed}, a group resumes in the first of {@code primary.orders} and
 *       {@code orders} it has not read to the end, so it never skips;</li>
 *   <li>start the forward flow as a new generation seeded at the primary's end offsets
 *       ({@link ForwardGeneration}), so nothing restored is replicated back as a duplicate.</li>
 * </ol>
 * Then the drill points producers and consumers at the primary again, while the new forward
 * MirrorMaker boots ({@link MirrorMaker#awaitReady} when the drill needs replication healthy).
 *
 * <p>After a restore from backup storage ({@link #afterStorageRestore}) the groups' offsets were
 * committed by the restore from the snapshot; only the forward flow starts again.
 */
public final class Failback {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private Failback() {}

    public static FailbackResult afterReverseReplication(ReverseReplication restore, ReplicationFlow forward,
                                                         KafkaCluster primary, KafkaCluster backup,
                                                         Collection<String> groups, Duration drainTimeout) {
        long started = System.nanoTime();
        restore.drainAndStop(drainTimeout);
        long drained = System.nanoTime();
        List<GroupResume> resumed = new ArrayList<>();
        try (Admin backupAdmin = KafkaClients.admin(backup, "failback-backup", TIMEOUT);
             Admin primaryAdmin = KafkaClients.admin(primary, "failback-primary", TIMEOUT)) {
            Map<String, List<String>> sources = restore.sourcesByTopic();
            Set<TopicPartition> backupPartitions = new HashSet<>();
            for (TopicDescription description : backupAdmin.describeTopics(
                    sources.values().stream().flatMap(List::stream).toList()).allTopicNames().get().values()) {
                description.partitions().forEach(info -> backupPartitions.add(new TopicPartition(description.name(), info.partition())));
            }
            Map<TopicPartition, Long> backupEnds = KafkaAdmin.endOffsets(backupAdmin, backupPartitions);
            Set<TopicPartition> primaryPartitions = new HashSet<>();
            for (TopicDescription description : primaryAdmin.describeTopics(sources.keySet()).allTopicNames().get().values()) {
                description.partitions().forEach(info -> primaryPartitions.add(new TopicPartition(description.name(), info.partition())));
            }
            Map<TopicPartition, Long> primaryEnds = KafkaAdmin.endOffsets(primaryAdmin, primaryPartitions);

            for (String group : groups) {
                Map<TopicPartition, Long> committed = new HashMap<>();
                backupAdmin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().forEach((tp, offset) -> {
                    if (offset != null) {
                        committed.put(tp, offset.offset());
                    }
                });
                Map<TopicPartition, ResumeOffset> offsets = new TreeMap<>(TopicPartitionOrder.INSTANCE);
                sources.forEach((topic, from) -> {
                    if (from.stream().noneMatch(source -> committed.keySet().stream().anyMatch(tp -> tp.topic().equals(source)))) {
                        return; // the group does not read this topic
                    }
                    primaryPartitions.stream().filter(tp -> tp.topic().equals(topic)).forEach(restored -> {
                        List<RestorePlan.SourceCursor> cursors = new ArrayList<>();
                        for (String source : from) {
                            TopicPartition backupTp = new TopicPartition(source, restored.partition());
                            if (backupEnds.containsKey(backupTp)) {
                                cursors.add(new RestorePlan.SourceCursor(committed.get(backupTp), restore.restoredStart(backupTp),
                                        backupEnds.get(backupTp), offset -> restore.primaryPosition(backupTp, offset)));
                            }
                        }
                        OptionalLong position = RestorePlan.resumePosition(cursors);
                        offsets.put(restored, position.isPresent()
                                ? new ResumeOffset(position.getAsLong(), ResumeOffset.Basis.EXACT)
                                : new ResumeOffset(primaryEnds.get(restored), ResumeOffset.Basis.EXACT));
                    });
                });
                GroupResume resume = new GroupResume(group, primary.name(), offsets, null, 0);
                resume.commit(primaryAdmin, "failback");
                resumed.add(resume);
            }
        } catch (ExecutionException e) {
            throw new ReplicationException("cannot translate the groups' offsets back to " + primary.name() + ": "
                    + KafkaAdmin.rootMessage(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReplicationException("interrupted during failback", e);
        }
        long committedAt = System.nanoTime();
        return resumeForward(forward, primary, backup, resumed, started, (drained - started) / 1_000_000,
                (committedAt - started) / 1_000_000);
    }

    public static FailbackResult afterStorageRestore(ReplicationFlow forward, KafkaCluster primary, KafkaCluster backup) {
        long started = System.nanoTime();
        return resumeForward(forward, primary, backup, List.of(), started, 0, 0);
    }

    private static FailbackResult resumeForward(ReplicationFlow forward, KafkaCluster primary, KafkaCluster backup,
                                                List<GroupResume> groups, long started, long drainMs, long offsetsMs) {
        ForwardGeneration.Seeded seeded = ForwardGeneration.seed(forward, primary, backup);
        // the seeds are the primary's ends before any client writes there again, so clients may
        // return while MirrorMaker boots: what they write is after the seeds and is replicated
        MirrorMaker mirrorMaker = MirrorMaker.launch(seeded.flow(), MirrorMaker.Workload.STREAMING);
        return new FailbackResult(groups, mirrorMaker, seeded.offsetStorageTopic(), seeded.seeds(), drainMs, offsetsMs,
                (System.nanoTime() - started) / 1_000_000);
    }
}
