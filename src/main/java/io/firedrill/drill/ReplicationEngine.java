package io.firedrill.drill;

import io.firedrill.scenario.ClusterRole;
import io.firedrill.scenario.FailoverOffsets;
import io.firedrill.scenario.RestoreSource;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The seam between a drill and the technology that keeps the backup: replication from primary to
 * backup, its health, the offsets groups resume from on the other side, restores and failback.
 * MirrorMaker 2 is the v1 engine ({@code replication.engine: mirrormaker2}).
 */
public interface ReplicationEngine extends AutoCloseable {

    /** Replication health now, for the status tracker and the charts. */
    record Health(String state, Long lagRecords, Long lagMs) {}

    /** Where each group resumes on the cluster clients move to, and how far behind its last commit that is. */
    record GroupOffsets(Map<String, Map<TopicPartition, Long>> offsets, long translationGapRecords, String notes) {}

    /**
     * What a restore did: {@code complete} when the restored cluster holds, per partition, at
     * least what the source held when the restore started; {@code missing} says what it lacks
     * (empty when complete).
     */
    record Restore(long records, long millis, boolean complete, String missing, String notes) {}

    /** What a backup step stored. */
    record Snapshot(long records, int topics, String location) {}

    /** Starts replication primary -> backup and returns once it runs. */
    void start();

    Health health();

    void awaitHealthy(Duration timeout);

    /** Waits until everything the primary held when called is on the backup. */
    void awaitCaughtUp(Duration timeout);

    /** SIGKILLs the replication process ({@code mirrormaker-kill}). */
    void kill();

    /** Starts the replication process again after a kill; nothing if it runs. */
    void restart();

    /** Restarts the replication process cleanly with its wall clock {@code offset} ahead ({@code clock-skew}). */
    void restartWithClockOffset(Duration offset);

    /**
     * Failover: stops replicating into the backup (it is about to take writes) and tells where each
     * group resumes on the backup, in the backup's topic names, on the basis {@code offsets} names.
     */
    GroupOffsets failover(Collection<String> groups, FailoverOffsets offsets);

    /** The replication this drill ran, for the reports; null before it started. */
    DrillResult.ReplicationFigures figures();

    /** Copies everything of the backup's storage snapshot of the primary's critical topics. */
    Snapshot backup();

    /**
     * Starts restoring the rebuilt, empty primary from the backup cluster or from backup storage.
     *
     * @throws io.firedrill.replication.SnapshotRejectedException when the snapshot to restore fails
     *                                                            its integrity check (nothing was written)
     */
    void restore(RestoreSource from);

    /** Waits for the last restore to have copied everything onto the primary. */
    Restore awaitRestoreComplete(Duration timeout);

    /**
     * Failback: once the primary has everything the backup has, tells where each group resumes
     * on the primary and sets replication primary -> backup up again from there on.
     */
    GroupOffsets failback(Collection<String> groups);

    /** The topics that hold a logical topic's data on a cluster, oldest data first. */
    List<String> physicalTopics(ClusterRole cluster, String topic);

    /** The engine's running OS processes by name ({@code mirrormaker primary->backup}) to pid, for the CPU breakdown. */
    Map<String, Long> processIds();

    /** What {@code drill up} shows of the engine, e.g. where MirrorMaker 2 logs. */
    Map<String, String> endpoints();

    @Override
    void close();
}
