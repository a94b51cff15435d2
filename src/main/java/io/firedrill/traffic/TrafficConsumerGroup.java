package io.firedrill.traffic;

import io.firedrill.support.RunTag;
import io.firedrill.verify.ClusterId;
import io.firedrill.verify.GroupLedger;
import io.firedrill.verify.Ledger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

/**
 * A consumer group of a drill (one member, one thread) that records every record it processes in
 * the {@link Ledger}, commits what it processed every commit interval (MirrorMaker 2 checkpoints
 * committed offsets) and synchronously when it leaves a cluster. Its identity (group id, ledger
 * of what it processed) survives {@link #repoint re-points} to another cluster, where it starts
 * from offsets the caller gives (translated offsets) or the group's committed offsets there.
 */
public final class TrafficConsumerGroup implements AutoCloseable {

    /** How long a paused group's thread sleeps between looks for a re-point or close. */
    private static final long IDLE_PARK_NANOS = 20_000_000L;
    private static final Logger log = LoggerFactory.getLogger(TrafficConsumerGroup.class);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final long POSITIONS_EVERY_NANOS = 50_000_000L;
    private static final long ERROR_BACKOFF_NANOS = 500_000_000L;
    /** The harness's consumer defaults; a drill's client properties override them. */
    static final Map<String, Object> DEFAULTS = Map.of(
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
            ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");

    private final ConsumerGroupSettings settings;
    private final Ledger ledger;
    private final GroupLedger records;
    private final Thread thread;
    private final AtomicReference<Move> pending = new AtomicReference<>();
    private final RateMeter consumedRate;
    private final Map<String, Map<TopicPartition, Long>> committed = new ConcurrentHashMap<>();
    private final Object progress = new Object();
    private volatile boolean closing;
    private volatile TrafficEndpoint endpoint;
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private volatile Map<TopicPartition, Long> positions = Map.of();
    private volatile long consumed;
    private volatile long lastProcessedMs = -1;
    private volatile String lastError;

    /** The cluster processed records and commits are credited to; a redirect changes it from another thread. */
    private volatile ClusterId cluster;
    // owned by the consumer thread
    private final Map<TopicPartition, OffsetAndMetadata> processed = new HashMap<>();
    private Map<TopicPartition, Long> seeks;
    private long lastCommitNanos = System.nanoTime();
    private long lastPositionsNanos;
    private boolean uncommitted;

    /**
     * Live figures for reports.
     *
     * @param committedByCluster per cluster alias, the sum of the offsets this group committed there
     * @param positions          the consumer's position per partition on its current cluster
     */
    public record Stats(String groupId, String cluster, long consumed, double consumedPerSecond, long processed,
                        long duplicates, Map<String, Long> committedByCluster, Map<TopicPartition, Long> positions,
                        Long lastProcessedMs, String lastError) {
    }

    private TrafficConsumerGroup(ConsumerGroupSettings settings, Ledger ledger, TrafficEndpoint endpoint,
                                 Map<TopicPartition, Long> startOffsets) {
        this.settings = settings;
        this.ledger = ledger;
        this.records = ledger.registerGroup(settings.groupId(), settings.topics());
        this.consumedRate = new RateMeter(() -> consumed);
        this.endpoint = endpoint;
        this.consumer = newConsumer(endpoint);
        this.cluster = ledger.cluster(endpoint.alias());
        this.seeks = new HashMap<>(startOffsets);
        this.thread = new Thread(this::run, "firedrill-group-" + settings.groupId());
        this.thread.setDaemon(true);
    }

    /**
     * Registers the group in the ledger and starts consuming on {@code endpoint}.
     *
     * @param startOffsets where to start per partition (this cluster's topic names); partitions
     *                     not in it start from the group's committed offset, else the earliest
     */
    public static TrafficConsumerGroup start(ConsumerGroupSettings settings, Ledger ledger, TrafficEndpoint endpoint,
                                             Map<TopicPartition, Long> startOffsets) {
        TrafficConsumerGroup group = new TrafficConsumerGroup(settings, ledger, endpoint, startOffsets);
        group.thread.start();
        log.info("group {} consuming {} on {} ({})", settings.groupId(), group.physicalTopics(endpoint),
                endpoint.alias(), endpoint.bootstrapServers());
        return group;
    }

    /**
     * Moves the group to another cluster and returns once it is subscribed there: what it
     * processed is committed on the old cluster (bounded by the close timeout; a dead cluster
     * just loses that commit), the old consumer closed, and the new one starts from
     * {@code startOffsets} (translated offsets, this cluster's topic names) or the group's
     * committed offsets there.
     */
    public void repoint(TrafficEndpoint target, Map<TopicPartition, Long> startOffsets) {
        handOver(new Move(new Handover<>(target, newConsumer(target), settings.closeTimeout()), Map.copyOf(startOffsets)));
    }

    /**
     * Leaves the cluster until the next {@link #repoint}: what was processed is committed and the
     * member is gone when this returns, so the group is empty there and its offsets can be read
     * and translated.
     */
    public void pause() {
        pause(settings.closeTimeout());
    }

    /**
     * As {@link #pause()}, giving the last commit and the close {@code leaveTimeout} each; zero
     * leaves a cluster known lost at once, without the commit it could not take anyway.
     */
    public void pause(Duration leaveTimeout) {
        handOver(new Move(new Handover<>(endpoint, null, leaveTimeout), Map.of()));
    }

    private void handOver(Move move) {
        if (closing) {
            throw new IllegalStateException("group " + settings.groupId() + " is closed; start a new one");
        }
        Move superseded = pending.getAndSet(move);
        if (superseded != null) {
            if (superseded.handover.client() != null) {
                superseded.handover.client().close(CloseOptions.timeout(Duration.ZERO));
            }
            superseded.handover.supersededBy(move.handover.target());
        }
        wake();
        move.handover.await("group " + settings.groupId(), 2 * settings.closeTimeout().toMillis() + 30_000);
    }

    /**
     * The address this group consumes from now reaches {@code clusterAlias}'s cluster: the harness
     * flipped it. The consumer carries on (rejoining there is its own business); what it
     * processes from now on is credited there. A batch fetched before the flip and returned by a
     * poll after it would be credited to the new cluster; the harness closes the old cluster's
     * client path before the flip, which leaves at most such a batch.
     */
    public void redirected(String clusterAlias) {
        endpoint = endpoint.reaching(clusterAlias);
        cluster = ledger.cluster(clusterAlias);
    }

    public String groupId() {
        return settings.groupId();
    }

    public TrafficEndpoint endpoint() {
        return endpoint;
    }

    public Stats stats() {
        Map<String, Long> sums = new TreeMap<>();
        committed.forEach((alias, offsets) -> sums.put(alias, offsets.values().stream().mapToLong(Long::longValue).sum()));
        long last = lastProcessedMs;
        return new Stats(settings.groupId(), endpoint.alias(), consumed, consumedRate.perSecond(), records.processedCount(),
                records.duplicateCount(), sums, positions, last < 0 ? null : last, lastError);
    }

    /** The offsets this group last committed, per cluster alias, per partition. */
    public Map<String, Map<TopicPartition, Long>> committedOffsets() {
        Map<String, Map<TopicPartition, Long>> copy = new TreeMap<>();
        committed.forEach((alias, offsets) -> copy.put(alias, Map.copyOf(offsets)));
        return copy;
    }

    /**
     * Waits until the group's position reaches the end offsets (read_committed) its topics have on
     * its current cluster now. Stop the producers first, or the end moves on.
     *
     * @throws IllegalStateException naming the partitions still behind when the timeout passes
     */
    public void awaitCaughtUp(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        TrafficEndpoint at = endpoint;
        Map<TopicPartition, Long> ends = endOffsets(at, timeout);
        synchronized (progress) {
            while (true) {
                Map<TopicPartition, Long> current = positions;
                Map<TopicPartition, String> behind = new TreeMap<>(java.util.Comparator.comparing(TopicPartition::toString));
                ends.forEach((partition, end) -> {
                    Long position = current.get(partition);
                    if (position == null || position < end) {
                        behind.put(partition, (position == null ? "unassigned" : position) + "/" + end);
                    }
                });
                if (behind.isEmpty()) {
                    return;
                }
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0 || closing) {
                    throw new IllegalStateException("group " + settings.groupId() + " did not catch up on " + at.alias()
                            + " within " + timeout + "; position/end: " + behind + (lastError == null ? "" : "; last error: " + lastError));
                }
                try {
                    progress.wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(remaining), 200)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for group " + settings.groupId(), e);
                }
            }
        }
    }

    /** Commits what was processed, leaves the group, stops the thread. Idempotent. */
    @Override
    public void close() {
        closing = true;
        wake();
        try {
            thread.join(2 * settings.closeTimeout().toMillis() + 30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            log.warn("group {} did not stop in time", settings.groupId());
        }
        Move leftover = pending.getAndSet(null);
        if (leftover != null) {
            leftover.handover.client().close(CloseOptions.timeout(Duration.ZERO));
            leftover.handover.done().completeExceptionally(new IllegalStateException("group closed"));
        }
        synchronized (progress) {
            progress.notifyAll();
        }
    }

    private void wake() {
        KafkaConsumer<byte[], byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        LockSupport.unpark(thread);
    }

    private void run() {
        try {
            consumer.subscribe(physicalTopics(endpoint), new Rebalance());
            while (!closing) {
                Move move = pending.getAndSet(null);
                if (move != null) {
                    moveTo(move);
                    continue;
                }
                if (consumer == null) {
                    LockSupport.parkNanos(IDLE_PARK_NANOS);
                    continue;
                }
                try {
                    pollOnce();
                } catch (WakeupException e) {
                    // a move or close is pending: the loop takes it
                } catch (KafkaException | IllegalStateException e) {
                    lastError = e.toString();
                    log.warn("group {} on {}: {}", settings.groupId(), endpoint.alias(), e.toString());
                    LockSupport.parkNanos(ERROR_BACKOFF_NANOS);
                }
            }
        } catch (RuntimeException | Error e) {
            lastError = e.toString();
            log.error("group {} stopped: {}", settings.groupId(), e.toString(), e);
        } finally {
            leave();
        }
    }

    private void pollOnce() {
        ConsumerRecords<byte[], byte[]> batch = consumer.poll(POLL);
        long now = System.currentTimeMillis();
        for (TopicPartition partition : batch.partitions()) {
            List<ConsumerRecord<byte[], byte[]>> partitionRecords = batch.records(partition);
            for (ConsumerRecord<byte[], byte[]> record : partitionRecords) {
                records.deliver(cluster, record.topic(), record.partition(), record.offset(), record.key(),
                        record.value(), now);
            }
            processed.put(partition, new OffsetAndMetadata(partitionRecords.get(partitionRecords.size() - 1).offset() + 1));
        }
        if (!batch.isEmpty()) {
            consumed += batch.count();
            lastProcessedMs = now;
            uncommitted = true;
        }
        long nowNanos = System.nanoTime();
        if (uncommitted && nowNanos - lastCommitNanos >= settings.commitInterval().toNanos()) {
            Map<TopicPartition, OffsetAndMetadata> offsets = Map.copyOf(processed);
            String alias = cluster.alias();
            consumer.commitAsync(offsets, (done, error) -> {
                if (error == null) {
                    remember(alias, done);
                } else {
                    lastError = error.toString();
                }
            });
            uncommitted = false;
            lastCommitNanos = nowNanos;
        }
        if (!batch.isEmpty() || nowNanos - lastPositionsNanos >= POSITIONS_EVERY_NANOS) {
            publishPositions();
            lastPositionsNanos = nowNanos;
        }
    }

    private void publishPositions() {
        Map<TopicPartition, Long> current = new HashMap<>();
        for (TopicPartition partition : consumer.assignment()) {
            try {
                current.put(partition, consumer.position(partition, Duration.ZERO));
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                // no position yet (the offset reset is still on its way)
            }
        }
        positions = Map.copyOf(current);
        synchronized (progress) {
            progress.notifyAll();
        }
    }

    private void moveTo(Move move) {
        TrafficEndpoint from = endpoint;
        leave(move.handover.leaveTimeout());
        if (move.handover.client() == null) {
            move.handover.done().complete(null);
            log.info("group {} paused: left {}", settings.groupId(), from.alias());
            return;
        }
        consumer = move.handover.client();
        cluster = ledger.cluster(move.handover.target().alias());
        endpoint = move.handover.target();
        seeks = new HashMap<>(move.startOffsets);
        positions = Map.of();
        try {
            consumer.subscribe(physicalTopics(endpoint), new Rebalance());
            move.handover.done().complete(null);
            log.info("group {} moved from {} to {}{}", settings.groupId(), from.alias(), endpoint.alias(),
                    move.startOffsets.isEmpty() ? " at its committed offsets" : " at " + move.startOffsets);
        } catch (RuntimeException e) {
            move.handover.done().completeExceptionally(e);
        }
    }

    /** Commits what was processed on the current cluster and closes the consumer, each within the close timeout. */
    private void leave() {
        leave(settings.closeTimeout());
    }

    private void leave(Duration timeout) {
        KafkaConsumer<byte[], byte[]> leaving = consumer;
        if (leaving == null) {
            return;
        }
        if (!timeout.isZero()) {
            commitSync(processed, timeout);
        }
        // cleared before close, so the revocation during close does not wait on a second commit
        processed.clear();
        try {
            leaving.close(CloseOptions.timeout(timeout));
        } catch (KafkaException e) {
            lastError = e.toString();
            log.warn("group {}: closing its consumer on {}: {}", settings.groupId(), endpoint.alias(), e.toString());
        }
        consumer = null;
    }

    private void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
        commitSync(offsets, settings.closeTimeout());
    }

    private void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets, Duration timeout) {
        if (offsets.isEmpty()) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> snapshot = Map.copyOf(offsets);
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                consumer.commitSync(snapshot, timeout);
                remember(cluster.alias(), snapshot);
                return;
            } catch (WakeupException e) {
                // the wake-up of a pending move or close landed here; the commit still has to happen
            } catch (KafkaException e) {
                lastError = e.toString();
                log.warn("group {}: committing {} on {} failed: {}", settings.groupId(), snapshot, endpoint.alias(), e.toString());
                return;
            }
        }
    }

    private void remember(String alias, Map<TopicPartition, OffsetAndMetadata> offsets) {
        Map<TopicPartition, Long> known = committed.computeIfAbsent(alias, a -> new ConcurrentHashMap<>());
        offsets.forEach((partition, offset) -> known.put(partition, offset.offset()));
    }

    private List<String> physicalTopics(TrafficEndpoint target) {
        return settings.topics().stream().flatMap(topic -> target.consumerTopics(topic).stream()).distinct().toList();
    }

    private KafkaConsumer<byte[], byte[]> newConsumer(TrafficEndpoint target) {
        Map<String, Object> config = target.clientConfig(DEFAULTS, settings.clientProperties());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId());
        // the group id is the scenario's (the team's name); the client id says which run's member this is
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "firedrill-" + RunTag.of(ledger.runId()) + "-" + settings.groupId());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return new KafkaConsumer<>(config);
    }

    private Map<TopicPartition, Long> endOffsets(TrafficEndpoint at, Duration timeout) {
        Admin admin = Admin.create(at.clientConfig(Map.of(), Map.of()));
        try {
            Map<String, TopicDescription> topics = admin.describeTopics(physicalTopics(at)).allTopicNames()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            Map<TopicPartition, OffsetSpec> latest = topics.values().stream()
                    .flatMap(topic -> topic.partitions().stream().map(p -> new TopicPartition(topic.name(), p.partition())))
                    .collect(Collectors.toMap(partition -> partition, partition -> OffsetSpec.latest()));
            return admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS).entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("cannot read the end offsets of " + physicalTopics(at) + " on " + at.alias()
                    + " (" + at.bootstrapServers() + "): " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading end offsets on " + at.alias(), e);
        } finally {
            // zero: a cluster that does not answer must not hold the caller for the admin's own 60 s
            admin.close(Duration.ZERO);
        }
    }

    /** Commits before partitions go, applies the caller's start offsets when they come. Runs on the consumer thread. */
    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            Map<TopicPartition, OffsetAndMetadata> revoked = new HashMap<>();
            for (TopicPartition partition : partitions) {
                OffsetAndMetadata offset = processed.remove(partition);
                if (offset != null) {
                    revoked.put(partition, offset);
                }
            }
            commitSync(revoked);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            partitions.forEach(processed::remove);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            for (TopicPartition partition : partitions) {
                Long offset = seeks.remove(partition);
                if (offset != null) {
                    consumer.seek(partition, offset);
                }
            }
        }
    }

    private record Move(Handover<KafkaConsumer<byte[], byte[]>> handover, Map<TopicPartition, Long> startOffsets) {
    }
}
