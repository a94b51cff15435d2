package io.firedrill.replication;

import io.firedrill.support.RunTag;
import io.firedrill.support.KafkaAdmin;
import io.firedrill.cluster.KafkaCluster;
import io.firedrill.kafka.KafkaVersion;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.core.ConditionTimeoutException;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;

/**
 * Restore from the backup cluster: MirrorMaker 2 replicates backup to the rebuilt primary, in
 * phases (see {@link RestorePlan}), until the primary has everything; the last phase keeps
 * running so what clients still write to the backup follows, until failback drains and stops it.
 *
 * <p>Only one direction ever runs: the forward flow is dead when this starts (failover killed
 * it) and failback stops this one before it starts the forward flow again. IdentityReplication
 * has no loop protection, so both at once would copy every record back and forth forever.
 *
 * <p>Restore flows checkpoint no group and sync no group offsets: failback translates group
 * offsets itself, exactly, from this flow's offset syncs on the primary.
 */
public final class ReverseReplication implements AutoCloseable {

    private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(10);
    /** A regex no group name matches. */
    private static final String NO_GROUP = "(?!)";

    private final RestorePlan plan;
    private final ReplicationFlow template;
    private final KafkaCluster backup;
    private final KafkaCluster primary;
    private final Admin backupAdmin;
    private OffsetSyncLog offsetSyncs;
    private MirrorMaker live;
    private RestorePlan.Phase livePhase;
    private List<RestorePlan.Phase> phases = List.of();
    private final Map<TopicPartition, Long> restoredStarts = new HashMap<>();

    private ReverseReplication(RestorePlan plan, ReplicationFlow template, KafkaCluster backup, KafkaCluster primary) {
        this.plan = plan;
        this.template = template;
        this.backup = backup;
        this.primary = primary;
        this.backupAdmin = KafkaClients.admin(backup, "restore-backup", CHECK_TIMEOUT);
    }

    /**
     * Restores the plan's topics onto the rebuilt primary and returns once the primary has every
     * record the backup held when each phase was checked; the last phase's MirrorMaker keeps running.
     *
     * @param backupLink  how MirrorMaker reaches the backup (the drill's replication-link path)
     * @param primaryLink how MirrorMaker reaches the primary
     */
    public static ReverseReplication restore(RestorePlan plan, ReplicationEndpoint backupLink, ReplicationEndpoint primaryLink,
                                             int replicationFactor, KafkaCluster backup, KafkaCluster primary,
                                             Duration timeout) {
        return restore(plan, backupLink, primaryLink, replicationFactor, KafkaVersion.HARNESS, RunTag.random(), backup, primary, timeout);
    }

    /** The same with MirrorMaker 2 on {@code kafka}, the drill's MirrorMaker version, naming what it creates by the drill's {@code run}. */
    public static ReverseReplication restore(RestorePlan plan, ReplicationEndpoint backupLink, ReplicationEndpoint primaryLink,
                                             int replicationFactor, KafkaVersion kafka, RunTag run, KafkaCluster backup,
                                             KafkaCluster primary, Duration timeout) {
        ReplicationFlow template = ReplicationFlow.between(backupLink, primaryLink)
                .withKafka(kafka)
                .withRun(run)
                // no group is checkpointed: failback maps offsets exactly through the offset syncs
                // (a checkpoint connector with emit.checkpoints.enabled=false fails to configure)
                .withGroups(NO_GROUP)
                .withSyncGroupOffsets(false)
                .withReplicationFactors(replicationFactor, replicationFactor)
                .withOverride(ReplicationFlow.POLICY_CLASS, RestoreReplicationPolicy.class.getName())
                .withOverride("heartbeats.replication.enabled", "false")
                // the last offset sync of a burst waits for the next offset commit: commit often,
                // so "caught up" is seen within 200 ms of the last record
                .withOverride(primaryLink.alias() + ".offset.flush.interval.ms", "200")
                // a restore copies a backlog: batches instead of the forward flow's low latency.
                // Syncs every 500 records are enough: runs of equal offset difference are exact
                // between them, and MirrorMaker syncs at once where upstream offsets skip.
                .withOverride("offset.lag.max", "500")
                .withOverride(primaryLink.alias() + ".producer.linger.ms", "10")
                .withOverride(primaryLink.alias() + ".producer.batch.size", "524288")
                .withOverride(primaryLink.alias() + ".producer.compression.type", "lz4")
                .withOverride(backupLink.alias() + ".consumer.max.poll.records", "5000")
                .withOverride(backupLink.alias() + ".consumer.max.partition.fetch.bytes", "8388608");
        ReverseReplication restore = new ReverseReplication(plan, template, backup, primary);
        try {
            restore.runPhases(timeout);
            return restore;
        } catch (RuntimeException e) {
            restore.close();
            throw e;
        }
    }

    private RestoreResult result;

    /** Records to copy from which a restore flow runs with the full JIT. */
    static final long BULK_COPY_THRESHOLD = 50_000;

    private void runPhases(Duration timeout) {
        long started = System.nanoTime();
        long copyMillis = 0;
        long records = 0;
        Set<String> onBackup;
        try {
            onBackup = backupAdmin.listTopics().names().get();
        } catch (InterruptedException | ExecutionException e) {
            throw new ReplicationException("cannot list the backup's topics to restore from: " + KafkaAdmin.rootMessage(e), e);
        }
        phases = plan.phases(onBackup);
        if (phases.isEmpty()) {
            throw new ReplicationException("nothing to restore: the backup has none of " + plan.topics());
        }
        for (RestorePlan.Phase phase : phases) {
            ReplicationFlow flow = flowOf(phase);
            MirrorMaker mirrorMaker = MirrorMaker.start(flow, workloadOf(phase));
            if (offsetSyncs == null) {
                offsetSyncs = new OffsetSyncLog(primary, flow.offsetSyncsTopic(), CHECK_TIMEOUT);
            }
            try {
                records += awaitCaughtUp(phase, mirrorMaker, timeout);
            } catch (RuntimeException e) {
                mirrorMaker.close();
                throw e;
            }
            copyMillis += offsetSyncs.copyMillis(restoredStarts.keySet().stream()
                    .filter(tp -> phase.sourceToTarget().containsKey(tp.topic())).toList());
            if (phase == phases.get(phases.size() - 1)) {
                live = mirrorMaker;
                livePhase = phase;
            } else {
                mirrorMaker.stop();
            }
        }
        result = RestoreResult.of("backup", records, (System.nanoTime() - started) / 1_000_000, copyMillis);
    }

    /**
     * A full JIT pays off only when there is much to copy: it costs about a second more to start,
     * which a few thousand records never win back.
     */
    private MirrorMaker.Workload workloadOf(RestorePlan.Phase phase) {
        try {
            long backlog = sourceBounds(phase.sourceToTarget().keySet()).values().stream()
                    .mapToLong(bounds -> bounds[1] - bounds[0]).sum();
            return backlog >= BULK_COPY_THRESHOLD ? MirrorMaker.Workload.BULK_COPY : MirrorMaker.Workload.STREAMING;
        } catch (ExecutionException | InterruptedException e) {
            return MirrorMaker.Workload.BULK_COPY;
        }
    }

    private ReplicationFlow flowOf(RestorePlan.Phase phase) {
        return template.withTopics(phase.topicsRegex())
                .withOverride(RestoreReplicationPolicy.STRIP_PREFIX_CONFIG, phase.stripPrefix());
    }

    /**
     * Waits until every source partition of the phase is on the primary up to the end it had when
     * the wait began (clients may still be writing to the backup: what they write later follows
     * in the live phase); returns the records restored.
     */
    private long awaitCaughtUp(RestorePlan.Phase phase, MirrorMaker mirrorMaker, Duration timeout) {
        Map<TopicPartition, long[]> bounds;
        try {
            bounds = sourceBounds(phase.sourceToTarget().keySet());
        } catch (ExecutionException | InterruptedException e) {
            throw new ReplicationException("cannot read the backup's end offsets to restore from: " + KafkaAdmin.rootMessage(e), e);
        }
        String[] behind = {"nothing replicated yet"};
        try {
            await("restore phase " + phase.number()).atMost(timeout).pollInterval(Duration.ofMillis(100))
                    .until(() -> {
                        if (!mirrorMaker.isAlive()) {
                            throw new ReplicationException(mirrorMaker.name() + " died while restoring; see " + mirrorMaker.logFile());
                        }
                        if (!offsetSyncs.refresh(CHECK_TIMEOUT)) {
                            return bounds.values().stream().allMatch(range -> range[1] <= range[0]);
                        }
                        for (Map.Entry<TopicPartition, long[]> entry : bounds.entrySet()) {
                            long upTo = offsetSyncs.replicatedUpTo(entry.getKey()).orElse(entry.getValue()[0]);
                            if (upTo < entry.getValue()[1]) {
                                behind[0] = entry.getKey() + " at " + upTo + " of " + entry.getValue()[1];
                                return false;
                            }
                        }
                        return true;
                    });
        } catch (ConditionTimeoutException e) {
            throw new ReplicationException("restore phase " + phase.number() + " (" + phase.sourceToTarget().keySet()
                    + ") did not catch up within " + timeout.toSeconds() + " s: " + behind[0] + "; see " + mirrorMaker.logFile());
        }
        bounds.forEach((tp, range) -> restoredStarts.putIfAbsent(tp, range[0]));
        return bounds.values().stream().mapToLong(range -> range[1] - range[0]).sum();
    }

    /** Per source partition of the backup: [log start, end]. */
    private Map<TopicPartition, long[]> sourceBounds(Set<String> topics) throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        backupAdmin.describeTopics(topics).allTopicNames().get().values().forEach(description ->
                description.partitions().forEach(info -> {
                    TopicPartition tp = new TopicPartition(description.name(), info.partition());
                    earliest.put(tp, OffsetSpec.earliest());
                    latest.put(tp, OffsetSpec.latest());
                }));
        Map<TopicPartition, Long> starts = backupAdmin.listOffsets(earliest).all().get().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().offset()));
        Map<TopicPartition, long[]> bounds = new HashMap<>();
        backupAdmin.listOffsets(latest).all().get().forEach((tp, info) -> bounds.put(tp, new long[] {starts.get(tp), info.offset()}));
        return bounds;
    }

    /** Records and time of the restore up to its first catch-up. */
    public RestoreResult result() {
        return result;
    }

    /** The MirrorMaker of the last phase, still replicating what clients write to the backup. */
    public MirrorMaker mirrorMaker() {
        return live;
    }

    public RestorePlan plan() {
        return plan;
    }

    /**
     * Failback's drain: waits until the primary has everything the backup holds now (clients
     * must have stopped writing to the backup), then stops the restore flow.
     */
    public void drainAndStop(Duration timeout) {
        if (live == null || !live.isAlive()) {
            throw new ReplicationException("the restore flow is not running, so it cannot be drained; restart it or restore again");
        }
        awaitCaughtUp(livePhase, live, timeout);
        // caught up means every record is acked on the primary and its offset sync read: nothing
        // the flow still holds is needed, so a graceful stop (about 1.5 s) would only delay failback
        live.kill();
    }

    /**
     * Where a reader of the restored primary must start to read a backup partition from
     * {@code backupOffset} on: exact inside runs of consecutively replicated records, never later.
     */
    OptionalLong primaryPosition(TopicPartition backupPartition, long backupOffset) {
        offsetSyncs.refresh(CHECK_TIMEOUT);
        return offsetSyncs.downstreamPosition(backupPartition, backupOffset);
    }

    /** The backup topics each primary topic was restored from, oldest first. */
    Map<String, List<String>> sourcesByTopic() {
        Map<String, List<String>> sources = new java.util.LinkedHashMap<>();
        for (RestorePlan.Phase phase : phases) {
            phase.sourceToTarget().forEach((source, target) -> sources.computeIfAbsent(target, ignored -> new java.util.ArrayList<>()).add(source));
        }
        return sources;
    }

    /** The first backup offset restored of a source partition. */
    long restoredStart(TopicPartition backupPartition) {
        return restoredStarts.getOrDefault(backupPartition, 0L);
    }

    @Override
    public void close() {
        if (live != null) {
            live.close();
        }
        if (offsetSyncs != null) {
            offsetSyncs.close();
        }
        backupAdmin.close(Duration.ofSeconds(1));
    }
}
