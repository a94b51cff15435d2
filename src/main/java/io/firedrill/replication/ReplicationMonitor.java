package io.firedrill.replication;

import io.firedrill.support.KafkaAdmin;
import io.firedrill.cluster.KafkaCluster;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.mirror.ReplicationPolicy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Health of one replication flow, read from both clusters through the harness's DIRECT listeners
 * (never through the paths a drill faults), sampled on demand or in the background.
 *
 * <p>Record lag per source partition is the source end offset minus MirrorMaker's replicated
 * position, taken from the offset syncs MirrorMaker writes to the target for every replicated
 * record ({@link OffsetSyncLog}); it works for both policies and whether or not MirrorMaker kept
 * the offsets. Lag in ms is the age of the oldest record not replicated yet (its CreateTime, read
 * from the source), 0 when there is none. MirrorMaker's liveness is its process plus the
 * heartbeats it writes to the target every second. A cluster whose reads time out but which
 * still answers a cluster-metadata request within {@link #BUSY_ANSWER_TIMEOUT} is busy, not gone:
 * the flow is lagging, with the reason. A cluster that does not answer at all for one sample
 * keeps the previous state (a loaded machine is not an outage); two samples in a row make the
 * flow disrupted. An interrupted sample (the monitor closing, the drill aborted) says nothing
 * about the clusters and is not recorded. The monitor also keeps the last committed offsets it saw for the flow's
 * consumer groups on the source, and the flow's checkpoints and offset syncs read up to its last
 * sample: failover needs them once the source is gone.
 */
public final class ReplicationMonitor implements AutoCloseable {

    /** Per call: a dead cluster costs a sample about this much, never a hang. */
    static final Duration CALL_TIMEOUT = Duration.ofMillis(2000);
    /**
     * After a read failed: a cluster answering a metadata request within this is busy (a
     * loaded broker queues requests for seconds at tens of thousands of records/s on 2 cores),
     * one that does not is unreachable (killed, paused, partitioned).
     */
    static final Duration BUSY_ANSWER_TIMEOUT = Duration.ofMillis(3000);
    static final long GROUP_OFFSETS_INTERVAL_MS = 100;
    private static final int MAX_HISTORY = 20_000;
    private static final Pattern MM2_EXCLUDED_TOPICS = Pattern.compile("mm2.*\\.internal|.*\\.replica|__.*");
    private static final Pattern MM2_EXCLUDED_GROUPS = Pattern.compile("console-consumer-.*|connect-.*|__.*");

    private final ReplicationFlow flow;
    /**
     * What the flow's MirrorMaker can copy: an exactly-once one reads read_committed, so open and
     * aborted transactions on the source are not lag; an at-least-once one copies them at once.
     */
    private final IsolationLevel isolation;
    private final ReplicationPolicy policy;
    private final KafkaCluster source;
    private final KafkaCluster target;
    private final BooleanSupplier mirrorMakerAlive;
    private final HealthThresholds thresholds;
    private final Admin sourceAdmin;
    private final Admin targetAdmin;
    private final KafkaConsumer<byte[], byte[]> sourceReader;
    private final OffsetSyncLog offsetSyncs;
    private final CheckpointLog checkpoints;
    private final List<ReplicationSnapshot> history = new ArrayList<>();
    private final Map<String, Map<TopicPartition, Long>> lastKnownGroupOffsets = new TreeMap<>();
    private Map<TopicPartition, String> knownPartitions = Map.of();
    private final Map<TopicPartition, Long> lastPosition = new HashMap<>();
    private final Map<TopicPartition, Long> lastProgressAt = new HashMap<>();
    private final long watchingSinceMs = System.currentTimeMillis();
    private Long firstHeartbeatSeenAt;
    private boolean everDisrupted;
    private int unansweredSamples;
    private ReplicationState lastState = ReplicationState.STARTING;
    /** The last sample at which some partition advanced (or nothing was waiting). */
    private long flowProgressAt = System.currentTimeMillis();
    private long lastFullSampleAt;
    private long lastSourceEnds;
    private long lastCopied;
    private ScheduledExecutorService sampler;

    public ReplicationMonitor(ReplicationFlow flow, KafkaCluster source, KafkaCluster target,
                              BooleanSupplier mirrorMakerAlive, HealthThresholds thresholds) {
        this.flow = flow;
        this.policy = flow.replicationPolicy();
        this.source = source;
        this.target = target;
        this.mirrorMakerAlive = mirrorMakerAlive;
        this.thresholds = thresholds;
        this.sourceAdmin = KafkaClients.admin(source, "monitor-source", CALL_TIMEOUT);
        this.targetAdmin = KafkaClients.admin(target, "monitor-target", CALL_TIMEOUT);
        Map<String, Object> reader = KafkaClients.base(source, "monitor-source-reader");
        // only the first record behind each partition's replicated position is wanted: one batch per
        // partition, not megabytes of backlog per sample when the backup is far behind
        reader.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 1);
        this.isolation = flow.base().exactlyOnce() ? IsolationLevel.READ_COMMITTED : IsolationLevel.READ_UNCOMMITTED;
        reader.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation.toString());
        this.sourceReader = KafkaClients.consumer(reader, CALL_TIMEOUT);
        this.offsetSyncs = new OffsetSyncLog(flow.offsetSyncsOnSource() ? source : target, flow.offsetSyncsTopic(), CALL_TIMEOUT);
        this.checkpoints = new CheckpointLog(target, flow.checkpointsTopic(), CALL_TIMEOUT);
    }

    /**
     * Watches the team's own MirrorMaker 2, which Firedrill did not start: no process to see, so
     * its liveness is its heartbeats on the target alone.
     */
    public static ReplicationMonitor follow(ReplicationFlow teamFlow, KafkaCluster source, KafkaCluster target) {
        return new ReplicationMonitor(teamFlow, source, target, () -> true, HealthThresholds.DEFAULT);
    }

    /** Watches the flow a MirrorMaker runs, with the default thresholds. */
    public static ReplicationMonitor watch(MirrorMaker mirrorMaker, KafkaCluster source, KafkaCluster target) {
        return new ReplicationMonitor(mirrorMaker.flow(), source, target, mirrorMaker::isAlive, HealthThresholds.DEFAULT);
    }

    /**
     * Samples in the background every {@code interval}; snapshots land in {@link #history()}. The
     * groups' committed offsets on the source are read every {@value #GROUP_OFFSETS_INTERVAL_MS} ms
     * on their own, so the last ones seen before a disaster are at most that old.
     */
    public synchronized ReplicationMonitor startSampling(Duration interval) {
        if (sampler == null) {
            sampler = Executors.newScheduledThreadPool(2, runnable -> {
                Thread thread = new Thread(runnable, "firedrill-replication-monitor-" + flow.name());
                thread.setDaemon(true);
                return thread;
            });
            sampler.scheduleWithFixedDelay(this::sampleQuietly, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
            sampler.scheduleWithFixedDelay(this::trackGroupOffsets, GROUP_OFFSETS_INTERVAL_MS, GROUP_OFFSETS_INTERVAL_MS, TimeUnit.MILLISECONDS);
        }
        return this;
    }

    private void trackGroupOffsets() {
        try {
            List<String> known;
            synchronized (lastKnownGroupOffsets) {
                known = List.copyOf(lastKnownGroupOffsets.keySet());
            }
            readGroupOffsets(known);
        } catch (Exception e) {
            // the source is unreachable: the offsets seen last stay, which is the point
        }
    }

    public ReplicationFlow flow() {
        return flow;
    }

    /**
     * Reads both clusters now and returns (and records) the flow's state.
     *
     * @throws CancellationException when the sampling thread is interrupted: nothing is recorded
     */
    public synchronized ReplicationSnapshot sample() {
        long now = System.currentTimeMillis();
        boolean alive = mirrorMakerAlive.getAsBoolean();
        ClusterProblem sourceProblem = null;
        ClusterProblem targetProblem = null;
        Map<TopicPartition, Long> sourceEnds = Map.of();
        try {
            knownPartitions = replicatedSourcePartitions();
            sourceEnds = KafkaAdmin.endOffsets(sourceAdmin, knownPartitions.keySet(), isolation);
            discoverGroupOffsets();
        } catch (InterruptedException e) {
            throw cancelled(e);
        } catch (Exception e) {
            sourceProblem = ClusterProblem.of(sourceAdmin, "source", flow.source().alias(), e);
        }
        Long heartbeatAge = null;
        Long checkpointAge = null;
        try {
            offsetSyncs.refresh(CALL_TIMEOUT);
            checkpoints.refresh(CALL_TIMEOUT);
            heartbeatAge = ageOfNewestRecord(flow.heartbeatsTopic(), now);
            checkpointAge = checkpoints.newestTimestamp() < 0 ? null : Math.max(0, now - checkpoints.newestTimestamp());
        } catch (InterruptedException e) {
            throw cancelled(e);
        } catch (Exception e) {
            targetProblem = ClusterProblem.of(targetAdmin, "target", flow.target().alias(), e);
        }
        if (heartbeatAge != null && firstHeartbeatSeenAt == null && now - heartbeatAge < watchingSinceMs) {
            // written by an earlier MirrorMaker of the flow (before a failover or failback), not by the one watched
            heartbeatAge = null;
        }
        if (heartbeatAge != null && firstHeartbeatSeenAt == null) {
            firstHeartbeatSeenAt = now; // progress is owed from here on, not while MirrorMaker boots
        }
        List<PartitionLag> partitions = new ArrayList<>();
        Long lagRecords = null;
        Long lagMs = null;
        long stalledMs = 0;
        TopicPartition stalled = null;
        if (sourceProblem == null && targetProblem == null) {
            Map<TopicPartition, Long> replicated = new HashMap<>();
            for (TopicPartition tp : knownPartitions.keySet()) {
                replicated.put(tp, offsetSyncs.replicatedUpTo(tp).orElse(0));
            }
            Map<TopicPartition, Long> oldestUnreplicated = createTimes(replicated, sourceEnds);
            long totalRecords = 0;
            long maxMs = 0;
            boolean advanced = false;
            for (Map.Entry<TopicPartition, String> entry : knownPartitions.entrySet()) {
                TopicPartition tp = entry.getKey();
                long end = sourceEnds.getOrDefault(tp, 0L);
                long upTo = replicated.get(tp);
                Long createTime = oldestUnreplicated.get(tp);
                // behind only by transaction markers (control records MirrorMaker never copies): caught up
                long records = createTime != null && createTime == NO_RECORD ? 0 : Math.max(0, end - upTo);
                long ms = records == 0 || createTime == null ? 0 : Math.max(0, now - createTime);
                partitions.add(new PartitionLag(tp.topic(), tp.partition(), entry.getValue(), end, upTo, records, ms));
                totalRecords += records;
                maxMs = Math.max(maxMs, ms);
                Long previous = lastPosition.put(tp, upTo);
                advanced |= previous != null && upTo > previous;
                if (records == 0 || previous == null || upTo > previous || firstHeartbeatSeenAt == null) {
                    lastProgressAt.put(tp, now);
                } else if (now - lastProgressAt.get(tp) > stalledMs) {
                    stalledMs = now - lastProgressAt.get(tp);
                    stalled = tp;
                }
            }
            lagRecords = totalRecords;
            lagMs = maxMs;
            if (totalRecords == 0 || advanced || firstHeartbeatSeenAt == null) {
                flowProgressAt = now;
            }
        }

        Rates rates = rates(now, sourceEnds, lagRecords);
        ClusterProblem unanswered = sourceProblem != null && !sourceProblem.busy() ? sourceProblem
                : targetProblem != null && !targetProblem.busy() ? targetProblem : null;
        ClusterProblem busy = sourceProblem != null && sourceProblem.busy() ? sourceProblem
                : targetProblem != null && targetProblem.busy() ? targetProblem : null;
        ReplicationState state;
        String reason;
        if (!alive) {
            state = ReplicationState.DISRUPTED;
            reason = "MirrorMaker process is not running";
        } else if (unanswered != null && ++unansweredSamples < 2) {
            // one unanswered sample on a loaded machine is not an outage; two in a row are
            state = lastState;
            reason = unanswered.message() + " (once so far)";
        } else if (unanswered != null) {
            state = ReplicationState.DISRUPTED;
            reason = unanswered.message();
        } else if (busy != null) {
            // it answers, slowly: replication is behind, not broken
            state = lastState == ReplicationState.STARTING ? ReplicationState.STARTING : ReplicationState.LAGGING;
            reason = busy.message();
        } else if (heartbeatAge == null) {
            state = everDisrupted ? ReplicationState.DISRUPTED : ReplicationState.STARTING;
            reason = "no MirrorMaker heartbeat on the target yet";
        } else if (heartbeatAge > thresholds.heartbeatTimeout().toMillis()) {
            state = ReplicationState.DISRUPTED;
            reason = "no MirrorMaker heartbeat for " + heartbeatAge + " ms";
        } else if (stalledMs > thresholds.disruptedAfter().toMillis() && now - flowProgressAt > thresholds.disruptedAfter().toMillis()) {
            state = ReplicationState.DISRUPTED;
            reason = "replication stalled: no partition advanced for " + (now - flowProgressAt) + " ms (" + stalled
                    + " waits for " + stalledMs + " ms)";
        } else if (lagMs > thresholds.laggingAfter().toMillis()) {
            // a partition waiting while others are copied is a MirrorMaker that is behind, not a stalled one
            state = ReplicationState.LAGGING;
            reason = lagRecords + " records behind, oldest " + lagMs + " ms" + rates.why();
        } else {
            state = everDisrupted ? ReplicationState.RESTORED : ReplicationState.HEALTHY;
            reason = lagRecords + " records behind, oldest " + lagMs + " ms";
        }
        if (unanswered == null) {
            unansweredSamples = 0;
        }
        everDisrupted |= state == ReplicationState.DISRUPTED;
        lastState = state;
        ReplicationSnapshot snapshot = new ReplicationSnapshot(now, flow.name(), state, reason, alive,
                sourceProblem == null || sourceProblem.busy(), targetProblem == null || targetProblem.busy(),
                heartbeatAge, checkpointAge, lagRecords, lagMs, rates.producedPerSecond(), rates.copiedPerSecond(), partitions);
        synchronized (history) {
            if (history.size() == MAX_HISTORY) {
                history.remove(0);
            }
            history.add(snapshot);
        }
        return snapshot;
    }

    /** An interrupted read: the sample is abandoned and the thread keeps its interrupt. */
    private static CancellationException cancelled(InterruptedException e) {
        Thread.currentThread().interrupt();
        CancellationException cancelled = new CancellationException("replication sample interrupted");
        cancelled.initCause(e);
        return cancelled;
    }

    /**
     * Records/s written to the source and copied by MirrorMaker since the previous full sample:
     * when the backup falls behind, which of the two is short.
     */
    private Rates rates(long now, Map<TopicPartition, Long> sourceEnds, Long lagRecords) {
        if (lagRecords == null) {
            return Rates.UNKNOWN;
        }
        long ends = sourceEnds.values().stream().mapToLong(Long::longValue).sum();
        long copied = ends - lagRecords;
        Rates rates = Rates.UNKNOWN;
        if (lastFullSampleAt > 0 && now > lastFullSampleAt) {
            double seconds = (now - lastFullSampleAt) / 1000.0;
            rates = new Rates(Math.max(0, ends - lastSourceEnds) / seconds, Math.max(0, copied - lastCopied) / seconds);
        }
        lastFullSampleAt = now;
        lastSourceEnds = ends;
        lastCopied = copied;
        return rates;
    }

    /** Produce and copy rates between two samples; null when not measured. */
    private record Rates(Double producedPerSecond, Double copiedPerSecond) {
        static final Rates UNKNOWN = new Rates(null, null);

        /** ", MirrorMaker copies N records/s while the source takes M records/s", or nothing. */
        String why() {
            if (producedPerSecond == null) {
                return "";
            }
            return String.format(Locale.ROOT, "; MirrorMaker copies %,.0f records/s while the source takes %,.0f records/s",
                    copiedPerSecond, producedPerSecond);
        }
    }

    /**
     * Why one cluster's reads failed this sample. A cluster that still answers a metadata request
     * within {@link #BUSY_ANSWER_TIMEOUT} is {@code busy} whatever the read's error (a request that
     * times out under load also surfaces as a disconnect); one that does not is unreachable.
     */
    private record ClusterProblem(boolean busy, String message) {

        static ClusterProblem of(Admin admin, String role, String alias, Exception failure) {
            String cause = KafkaAdmin.rootMessage(failure);
            String cluster = role + " cluster '" + alias + "'";
            long start = System.nanoTime();
            try {
                admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) BUSY_ANSWER_TIMEOUT.toMillis()))
                        .clusterId().get();
            } catch (InterruptedException e) {
                throw cancelled(e);
            } catch (ExecutionException | RuntimeException probe) {
                return new ClusterProblem(false, cluster + " unreachable: " + cause);
            }
            long answeredMs = (System.nanoTime() - start) / 1_000_000;
            return new ClusterProblem(true, cluster + " busy: a read failed (" + cause
                    + "), a metadata request was answered in " + answeredMs + " ms");
        }
    }

    private void sampleQuietly() {
        try {
            sample();
        } catch (CancellationException e) {
            // the monitor is closing
        } catch (RuntimeException e) {
            // a sample that throws is a bug in a read path; the next one may succeed, and the
            // missing point shows in the history
        }
    }

    /** The newest snapshot, sampling now if there is none yet. */
    public ReplicationSnapshot latest() {
        synchronized (history) {
            if (!history.isEmpty()) {
                return history.get(history.size() - 1);
            }
        }
        return sample();
    }

    /** Every snapshot so far (the newest 20,000), oldest first; never waits for a sample in progress. */
    public List<ReplicationSnapshot> history() {
        synchronized (history) {
            return List.copyOf(history);
        }
    }

    /** Samples until the flow is healthy (or restored) and nothing is left to replicate. */
    public ReplicationSnapshot awaitCaughtUp(Duration timeout) {
        return awaitSample(timeout, "replication-caught-up",
                snapshot -> snapshot.state().isHealthy() && snapshot.lagRecords() != null && snapshot.lagRecords() == 0);
    }

    /** Samples until the flow is healthy (or restored): the drill's {@code await: replication-healthy}. */
    public ReplicationSnapshot awaitHealthy(Duration timeout) {
        return awaitSample(timeout, "replication-healthy", snapshot -> snapshot.state().isHealthy());
    }

    /**
     * Samples every 100 ms until {@code done} or the deadline. A sample in progress at the deadline
     * finishes (an await that interrupted it would turn a busy cluster into an "unreachable" one);
     * the failure names the state and reason of the last sample.
     */
    private ReplicationSnapshot awaitSample(Duration timeout, String condition, Predicate<ReplicationSnapshot> done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        ReplicationSnapshot last;
        while (true) {
            last = sample();
            if (done.test(last)) {
                return last;
            }
            if (System.nanoTime() >= deadline) {
                throw new ReplicationException(flow.name() + " did not reach " + condition + " within " + timeout.toSeconds()
                        + " s: " + last.state().label() + ", " + last.reason());
            }
            try {
                Thread.sleep(Math.min(100, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
            } catch (InterruptedException e) {
                throw cancelled(e);
            }
        }
    }

    /**
     * The committed offsets of a consumer group on the source as last seen (source topic names),
     * empty when the monitor never saw the group.
     */
    public Map<TopicPartition, Long> lastKnownGroupOffsets(String group) {
        synchronized (lastKnownGroupOffsets) {
            return Map.copyOf(lastKnownGroupOffsets.getOrDefault(group, Map.of()));
        }
    }

    /** The flow's offset syncs, kept up to date by the samples (failover reads them warm). */
    OffsetSyncLog offsetSyncs() {
        return offsetSyncs;
    }

    /** The flow's checkpoints, kept up to date by the samples. */
    CheckpointLog checkpoints() {
        return checkpoints;
    }

    KafkaCluster target() {
        return target;
    }

    /** Source partitions MirrorMaker replicates, with their topic's name on the target. */
    private Map<TopicPartition, String> replicatedSourcePartitions() throws ExecutionException, InterruptedException {
        Pattern topics = Pattern.compile(flow.topics());
        List<String> names = sourceAdmin.listTopics().names().get().stream()
                .filter(name -> topics.matcher(name).matches())
                .filter(name -> !MM2_EXCLUDED_TOPICS.matcher(name).matches())
                .filter(name -> !policy.isInternalTopic(name) && !policy.isHeartbeatsTopic(name))
                .sorted().toList();
        if (names.isEmpty()) {
            return Map.of();
        }
        Map<TopicPartition, String> partitions = new LinkedHashMap<>();
        for (TopicDescription description : sourceAdmin.describeTopics(names).allTopicNames().get().values()) {
            String remote = policy.formatRemoteTopic(flow.source().alias(), description.name());
            description.partitions().forEach(info ->
                    partitions.put(new TopicPartition(description.name(), info.partition()), remote));
        }
        return partitions;
    }

    /** Lists the flow's consumer groups on the source and reads their committed offsets. */
    private void discoverGroupOffsets() throws ExecutionException, InterruptedException {
        Pattern groups = Pattern.compile(flow.groups());
        readGroupOffsets(sourceAdmin.listGroups(ListGroupsOptions.forConsumerGroups()).all().get().stream()
                .map(org.apache.kafka.clients.admin.GroupListing::groupId)
                .filter(id -> groups.matcher(id).matches() && !MM2_EXCLUDED_GROUPS.matcher(id).matches())
                .toList());
    }

    private void readGroupOffsets(List<String> ids) throws ExecutionException, InterruptedException {
        if (ids.isEmpty()) {
            return;
        }
        Map<String, ListConsumerGroupOffsetsSpec> specs = ids.stream()
                .collect(Collectors.toMap(id -> id, id -> new ListConsumerGroupOffsetsSpec()));
        Map<String, Map<TopicPartition, OffsetAndMetadata>> all = sourceAdmin.listConsumerGroupOffsets(specs).all().get();
        all.forEach((group, offsets) -> {
            Map<TopicPartition, Long> committed = new HashMap<>();
            offsets.forEach((tp, offset) -> {
                if (offset != null) {
                    committed.put(tp, offset.offset());
                }
            });
            synchronized (lastKnownGroupOffsets) {
                lastKnownGroupOffsets.put(group, committed);
            }
        });
    }

    /** CreateTime of the first record at or after each partition's replicated position, where it is behind. */
    /** {@link #createTimes} for a partition whose gap holds no record to copy. */
    private static final long NO_RECORD = Long.MIN_VALUE;

    private Map<TopicPartition, Long> createTimes(Map<TopicPartition, Long> replicated, Map<TopicPartition, Long> ends) {
        List<TopicPartition> behind = replicated.entrySet().stream()
                .filter(entry -> ends.getOrDefault(entry.getKey(), 0L) > entry.getValue())
                .map(Map.Entry::getKey).toList();
        Map<TopicPartition, Long> times = new HashMap<>();
        if (behind.isEmpty()) {
            return times;
        }
        sourceReader.assign(behind);
        behind.forEach(tp -> sourceReader.seek(tp, replicated.get(tp)));
        long deadline = System.nanoTime() + CALL_TIMEOUT.toNanos();
        while (times.size() < behind.size() && System.nanoTime() < deadline) {
            for (ConsumerRecord<byte[], byte[]> record : sourceReader.poll(Duration.ofMillis(50))) {
                times.putIfAbsent(new TopicPartition(record.topic(), record.partition()), record.timestamp());
            }
            for (TopicPartition tp : behind) {
                // the reader stepped over the gap without a record: only transaction markers were there
                if (!times.containsKey(tp) && sourceReader.position(tp, CALL_TIMEOUT) >= ends.get(tp)) {
                    times.put(tp, NO_RECORD);
                }
            }
        }
        return times;
    }

    /** Age of the newest record of a single-partition MirrorMaker topic on the target; null if it has none. */
    private Long ageOfNewestRecord(String topic, long now) throws ExecutionException, InterruptedException {
        if (!targetAdmin.listTopics().names().get().contains(topic)) {
            return null;
        }
        TopicPartition partition = new TopicPartition(topic, 0);
        ListOffsetsResultInfo newest = targetAdmin.listOffsets(Map.of(partition, OffsetSpec.maxTimestamp()))
                .partitionResult(partition).get();
        return newest.offset() < 0 ? null : Math.max(0, now - newest.timestamp());
    }

    @Override
    public void close() {
        ScheduledExecutorService sampling;
        synchronized (this) {
            sampling = sampler;
            sampler = null;
        }
        if (sampling != null) {
            // a sample blocked on a lost source would hold a failover for up to CALL_TIMEOUT: interrupt it
            sampling.shutdownNow();
            try {
                sampling.awaitTermination(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (this) {
            // the monitor only reads: nothing to flush, so a lost source is not waited for
            sourceAdmin.close(Duration.ZERO);
            targetAdmin.close(Duration.ZERO);
            sourceReader.close(CloseOptions.timeout(Duration.ZERO));
            offsetSyncs.close();
            checkpoints.close();
        }
    }
}
