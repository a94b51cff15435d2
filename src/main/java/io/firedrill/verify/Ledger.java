package io.firedrill.verify;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The truth of a drill: every send of every producer with its outcome (acked with partition,
 * offset and cluster; failed; unknown), and every record each consumer group processed, with the
 * cluster it was read from. The {@link Checker} compares it with what is finally stored.
 *
 * <p>Memory is bounded and flat: 15 bytes per sent record ({@link ProducerLedger}), 2 bits per
 * sent record per group and one more per cluster it read from ({@link GroupLedger}), one bit per millisecond of drill per cluster for
 * the RTO timelines; {@link #retainedBytes()} adds it up.
 *
 * <p>Threading contract: register clusters, producers and groups from any thread (typically the
 * drill's, before traffic starts). One thread sends per producer and one thread delivers per
 * group at a time (a successor thread must be started or joined by its predecessor); outcomes of
 * sends come from any thread. Counters and timelines can be read at any time. Check with the
 * {@link Checker} only after every producer and group has been closed.
 */
public final class Ledger {
    /** Clusters fit in the four bits above a record's outcome state. */
    public static final int MAX_CLUSTERS = 16;
    /** Distinct corrupted records remembered by location; beyond this they are only counted. */
    static final int MAX_CORRUPTIONS_KEPT = 100_000;

    private final int runId;
    private final long originMs;
    private final List<ClusterId> clusters = new ArrayList<>();
    private volatile ProducerLedger[] producers = new ProducerLedger[0];
    private final List<GroupLedger> groups = new ArrayList<>();
    private final Set<CorruptedRecord> corruptions = ConcurrentHashMap.newKeySet();
    private final AtomicLong corruptionsNotKept = new AtomicLong();

    /** A ledger for a new drill run: a random run id, its origin now. */
    public static Ledger create() {
        return new Ledger(new SecureRandom().nextInt(), System.currentTimeMillis());
    }

    /**
     * @param runId    written into every record so records of other runs on the same topics are told apart
     * @param originMs epoch milliseconds the send times and timelines count from; sends must fall
     *                 within 24 days after it
     */
    public Ledger(int runId, long originMs) {
        this.runId = runId;
        this.originMs = originMs;
    }

    public int runId() {
        return runId;
    }

    public long originMs() {
        return originMs;
    }

    /** The cluster with this alias, registered on first use. */
    public synchronized ClusterId cluster(String alias) {
        Objects.requireNonNull(alias, "alias");
        for (ClusterId cluster : clusters) {
            if (cluster.alias().equals(alias)) {
                return cluster;
            }
        }
        if (clusters.size() == MAX_CLUSTERS) {
            throw new IllegalStateException("a ledger tracks at most " + MAX_CLUSTERS + " clusters; "
                    + alias + " would be one more than " + clusters);
        }
        ClusterId cluster = new ClusterId(clusters.size(), alias);
        clusters.add(cluster);
        return cluster;
    }

    public synchronized List<ClusterId> clusters() {
        return List.copyOf(clusters);
    }

    /**
     * Registers a producer.
     *
     * @param name  unique among the producers, stable across re-points
     * @param topic the logical topic it writes
     * @param keys  how many distinct keys it goes round
     */
    public synchronized ProducerLedger registerProducer(String name, String topic, int keys) {
        for (ProducerLedger producer : producers) {
            if (producer.name().equals(name)) {
                throw new IllegalArgumentException("producer " + name + " is already registered; give each producer its own name");
            }
        }
        ProducerLedger producer = new ProducerLedger(this, producers.length, name, topic, keys);
        ProducerLedger[] grown = Arrays.copyOf(producers, producers.length + 1);
        grown[producer.id()] = producer;
        producers = grown;
        return producer;
    }

    /**
     * Registers a consumer group.
     *
     * @param topics the logical topics it reads: the checker expects it to process every surviving
     *               acknowledged record of the producers writing them
     */
    public synchronized GroupLedger registerGroup(String groupId, Collection<String> topics) {
        for (GroupLedger group : groups) {
            if (group.groupId().equals(groupId)) {
                throw new IllegalArgumentException("group " + groupId + " is already registered; give each group its own id");
            }
        }
        GroupLedger group = new GroupLedger(this, groupId, Set.copyOf(topics));
        groups.add(group);
        return group;
    }

    public List<ProducerLedger> producers() {
        return List.of(producers);
    }

    public synchronized List<GroupLedger> groups() {
        return List.copyOf(groups);
    }

    /**
     * The producer that sent this record of this run, or null when this ledger never sent it (no
     * such producer, a sequence beyond its sends, or a key off its key schedule).
     */
    ProducerLedger senderOf(TrafficRecord record) {
        ProducerLedger[] current = producers;
        int id = record.producerId();
        ProducerLedger producer = id >= 0 && id < current.length ? current[id] : null;
        return producer != null && record.seq() >= 0 && record.seq() < producer.sent()
                && record.keyIndex() == producer.keyOf(record.seq()) ? producer : null;
    }

    /** RTO input: epoch milliseconds of the first record acked on {@code alias} at or after {@code atOrAfterMs}. */
    public OptionalLong firstAckOn(String alias, long atOrAfterMs) {
        OptionalLong first = OptionalLong.empty();
        for (ProducerLedger producer : producers) {
            OptionalLong candidate = producer.firstAckOn(alias, atOrAfterMs);
            if (candidate.isPresent() && (first.isEmpty() || candidate.getAsLong() < first.getAsLong())) {
                first = candidate;
            }
        }
        return first;
    }

    /** RTO input: epoch milliseconds of the first record any group processed from {@code alias} at or after {@code atOrAfterMs}. */
    public OptionalLong firstProcessedOn(String alias, long atOrAfterMs) {
        OptionalLong first = OptionalLong.empty();
        for (GroupLedger group : groups()) {
            OptionalLong candidate = group.firstProcessedOn(alias, atOrAfterMs);
            if (candidate.isPresent() && (first.isEmpty() || candidate.getAsLong() < first.getAsLong())) {
                first = candidate;
            }
        }
        return first;
    }

    /** Bytes held by the ledger's arrays, bitsets and timelines (what grows with records and time). */
    public long retainedBytes() {
        long bytes = 0;
        for (ProducerLedger producer : producers) {
            bytes += producer.retainedBytes();
        }
        for (GroupLedger group : groups()) {
            bytes += group.retainedBytes();
        }
        return bytes;
    }

    synchronized ClusterId find(String alias) {
        for (ClusterId cluster : clusters) {
            if (cluster.alias().equals(alias)) {
                return cluster;
            }
        }
        return null;
    }

    void corrupted(CorruptedRecord record) {
        if (corruptions.size() < MAX_CORRUPTIONS_KEPT) {
            corruptions.add(record);
        } else if (!corruptions.contains(record)) {
            corruptionsNotKept.incrementAndGet();
        }
    }

    Set<CorruptedRecord> corruptions() {
        return corruptions;
    }

    long corruptionsNotKept() {
        return corruptionsNotKept.get();
    }
}
