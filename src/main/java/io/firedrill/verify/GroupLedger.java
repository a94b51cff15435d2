package io.firedrill.verify;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * What one consumer group processed: per producer, a bitset of the sequences processed at least
 * once and one of those processed more than once, and the highest sequence processed per key
 * (to name per-key reordering the moment it happens). Per cluster: records processed, redundant
 * deliveries and a timeline of when.
 *
 * <p>Threading: {@link #deliver} from one thread at a time (the group's consumer thread); the
 * counters and {@link #firstProcessedOn} from any thread.
 */
public final class GroupLedger {
    /** What a delivery was, as the ledger classified it. */
    public enum Delivery {
        /** First time this group processed the record, in key order. */
        FIRST,
        /** First time, but a later sequence of the same producer and key was already processed. */
        REORDERED,
        /** Processed before: a consumer duplicate. */
        DUPLICATE,
        /** Not an intact traffic record. */
        CORRUPTED,
        /** An intact record of another drill run. */
        FOREIGN,
        /** Carries this run's id but names a producer, sequence or key this ledger never sent. */
        UNEXPECTED
    }

    static final int EXAMPLES = 10;

    private final Ledger ledger;
    private final String groupId;
    private final Set<String> topics;
    private ProducerView[] views = new ProducerView[0];
    private final AtomicLongArray processed = new AtomicLongArray(Ledger.MAX_CLUSTERS);
    private final AtomicLongArray redundant = new AtomicLongArray(Ledger.MAX_CLUSTERS);
    private final AtomicReferenceArray<ActivityTimeline> timelines = new AtomicReferenceArray<>(Ledger.MAX_CLUSTERS);
    private volatile long duplicates;
    private volatile long sameClusterDuplicates;
    private volatile long reordered;
    private volatile long corrupted;
    private volatile long foreign;
    private volatile long unexpected;
    private final List<RecordRef> duplicateExamples = Collections.synchronizedList(new ArrayList<>());
    private final List<RecordRef> reorderExamples = Collections.synchronizedList(new ArrayList<>());

    GroupLedger(Ledger ledger, String groupId, Set<String> topics) {
        this.ledger = ledger;
        this.groupId = groupId;
        this.topics = topics;
    }

    public String groupId() {
        return groupId;
    }

    /** The logical topics this group is expected to process. */
    public Set<String> topics() {
        return topics;
    }

    /**
     * Records that the group processed the record read from {@code cluster} at
     * {@code topic}/{@code partition}/{@code offset}, at {@code atMs}.
     */
    public Delivery deliver(ClusterId cluster, String topic, int partition, long offset, byte[] key, byte[] value,
                            long atMs) {
        RecordFormat.Decoded decoded = RecordFormat.decode(key, value);
        if (decoded instanceof Undecodable undecodable) {
            corrupted++;
            ledger.corrupted(new CorruptedRecord(cluster.alias(), topic, partition, offset, undecodable.problem()));
            return Delivery.CORRUPTED;
        }
        TrafficRecord record = (TrafficRecord) decoded;
        if (record.runId() != ledger.runId()) {
            foreign++;
            return Delivery.FOREIGN;
        }
        ProducerLedger producer = ledger.senderOf(record);
        if (producer == null) {
            unexpected++;
            return Delivery.UNEXPECTED;
        }
        int seq = (int) record.seq();
        ProducerView view = view(producer);
        timeline(cluster).mark(atMs);
        boolean servedBefore = view.processedOn(cluster).getAndSet(seq);
        if (view.processed.getAndSet(seq)) {
            if (!view.duplicated.getAndSet(seq)) {
                duplicates++;
                example(duplicateExamples, producer, record, cluster, partition, offset);
            }
            if (servedBefore && !view.duplicatedOnOneCluster.getAndSet(seq)) {
                sameClusterDuplicates++;
            }
            redundant.lazySet(cluster.index(), redundant.get(cluster.index()) + 1);
            return Delivery.DUPLICATE;
        }
        processed.lazySet(cluster.index(), processed.get(cluster.index()) + 1);
        if ((producer.outcome(seq) & ProducerLedger.STATE_MASK) == ProducerLedger.FAILED) {
            // never written as far as its producer knows (an aborted transaction's record, a definite failure):
            // the checker judges it as such (an aborted read), not as out of key order
            return Delivery.FIRST;
        }
        int keyIndex = record.keyIndex();
        if (seq < view.highestSeqByKey[keyIndex]) {
            reordered++;
            example(reorderExamples, producer, record, cluster, partition, offset);
            return Delivery.REORDERED;
        }
        view.highestSeqByKey[keyIndex] = seq;
        return Delivery.FIRST;
    }

    /** Distinct records processed at least once. */
    public long processedCount() {
        long sum = 0;
        for (int i = 0; i < Ledger.MAX_CLUSTERS; i++) {
            sum += processed.get(i);
        }
        return sum;
    }

    /** Distinct records processed more than once. */
    public long duplicateCount() {
        return duplicates;
    }

    /**
     * Distinct records this group processed twice from the same cluster: that cluster served them
     * twice (an at-least-once MirrorMaker's re-copies, both read) or the group re-read there; a
     * failover's re-read of what the old cluster served is not one of them.
     */
    public long sameClusterDuplicateCount() {
        return sameClusterDuplicates;
    }

    /** Deliveries of records already processed (a record processed three times counts two). */
    public long redundantDeliveryCount() {
        long sum = 0;
        for (int i = 0; i < Ledger.MAX_CLUSTERS; i++) {
            sum += redundant.get(i);
        }
        return sum;
    }

    public long reorderedCount() {
        return reordered;
    }

    public long corruptedCount() {
        return corrupted;
    }

    public long foreignCount() {
        return foreign;
    }

    public long unexpectedCount() {
        return unexpected;
    }

    /** Records processed for the first time, by the alias of the cluster they were read from. */
    public Map<String, Long> processedByCluster() {
        return byCluster(processed);
    }

    /** Redundant deliveries (re-reads), by the alias of the cluster they were read from. */
    public Map<String, Long> redundantByCluster() {
        return byCluster(redundant);
    }

    /** RTO input: epoch milliseconds of the first record processed from {@code alias} at or after {@code atOrAfterMs}. */
    public OptionalLong firstProcessedOn(String alias, long atOrAfterMs) {
        ClusterId cluster = ledger.find(alias);
        ActivityTimeline timeline = cluster == null ? null : timelines.get(cluster.index());
        return timeline == null ? OptionalLong.empty() : timeline.firstAtOrAfter(atOrAfterMs);
    }

    List<RecordRef> duplicateExamples() {
        return List.copyOf(duplicateExamples);
    }

    List<RecordRef> reorderExamples() {
        return List.copyOf(reorderExamples);
    }

    /** The processed bitset of a producer, or null when the group never processed any of its records. */
    SeqBitSet processedOf(ProducerLedger producer) {
        ProducerView[] current = views;
        return producer.id() < current.length && current[producer.id()] != null
                ? current[producer.id()].processed : null;
    }

    long retainedBytes() {
        long bytes = 0;
        for (ProducerView view : views) {
            if (view != null) {
                bytes += view.processed.retainedBytes() + view.duplicated.retainedBytes()
                        + view.duplicatedOnOneCluster.retainedBytes() + 16L + 4L * view.highestSeqByKey.length;
                for (SeqBitSet onCluster : view.processedOn) {
                    bytes += onCluster == null ? 0 : onCluster.retainedBytes();
                }
            }
        }
        for (int i = 0; i < Ledger.MAX_CLUSTERS; i++) {
            ActivityTimeline timeline = timelines.get(i);
            if (timeline != null) {
                bytes += timeline.retainedBytes();
            }
        }
        return bytes;
    }

    private Map<String, Long> byCluster(AtomicLongArray counts) {
        Map<String, Long> result = new LinkedHashMap<>();
        for (ClusterId cluster : ledger.clusters()) {
            long count = counts.get(cluster.index());
            if (count > 0) {
                result.put(cluster.alias(), count);
            }
        }
        return result;
    }

    private ProducerView view(ProducerLedger producer) {
        ProducerView[] current = views;
        if (producer.id() >= current.length) {
            current = Arrays.copyOf(current, producer.id() + 1);
            views = current;
        }
        ProducerView view = current[producer.id()];
        if (view == null) {
            view = new ProducerView(producer.keys());
            current[producer.id()] = view;
        }
        return view;
    }

    private ActivityTimeline timeline(ClusterId cluster) {
        ActivityTimeline timeline = timelines.get(cluster.index());
        if (timeline == null) {
            timelines.compareAndSet(cluster.index(), null, new ActivityTimeline(ledger.originMs()));
            timeline = timelines.get(cluster.index());
        }
        return timeline;
    }

    private static void example(List<RecordRef> examples, ProducerLedger producer, TrafficRecord record,
                                ClusterId cluster, int partition, long offset) {
        if (examples.size() < EXAMPLES) {
            examples.add(new RecordRef(producer.name(), (int) record.seq(), record.keyIndex(), record.sendTimeMs(),
                    cluster.alias(), partition, offset));
        }
    }

    private static final class ProducerView {
        final SeqBitSet processed = new SeqBitSet();
        final SeqBitSet duplicated = new SeqBitSet();
        final SeqBitSet duplicatedOnOneCluster = new SeqBitSet();
        /** Per cluster index, what that cluster served this group: a bit per record per cluster read from. */
        final SeqBitSet[] processedOn = new SeqBitSet[Ledger.MAX_CLUSTERS];
        final int[] highestSeqByKey;

        ProducerView(int keys) {
            highestSeqByKey = new int[keys];
            Arrays.fill(highestSeqByKey, -1);
        }

        SeqBitSet processedOn(ClusterId cluster) {
            if (processedOn[cluster.index()] == null) {
                processedOn[cluster.index()] = new SeqBitSet();
            }
            return processedOn[cluster.index()];
        }
    }
}
