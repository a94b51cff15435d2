package io.firedrill.verify;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compares the ledger with what is finally stored where clients ended up, one pass over each
 * producer's arrays 64 sequences at a time:
 * <ul>
 *   <li>lost: acked and not stored (the RPO: count, first/last send time and their span);</li>
 *   <li>skipped, per group: acked, stored, never processed by a group reading the producer's topic;</li>
 *   <li>unknown outcomes never count as lost; how many are stored is reported;</li>
 *   <li>transactions: committed ones only partly stored are split; records of aborted ones a group
 *       processed are aborted reads;</li>
 *   <li>storage duplicates, corrupted, foreign and unexpected records come from {@link StoredRecords};
 *       consumer duplicates and per-key reordering from each {@link GroupLedger}.</li>
 * </ul>
 * Call it once every producer and group has been closed (see the {@link Ledger} threading contract).
 */
public final class Checker {
    private static final int EXAMPLES = GroupLedger.EXAMPLES;

    private Checker() {
    }

    public static CheckReport check(Ledger ledger, StoredRecords stored) {
        List<ClusterId> clusters = ledger.clusters();
        List<GroupLedger> groups = ledger.groups();
        long[] lostByCluster = new long[Ledger.MAX_CLUSTERS];
        long[] skipped = new long[groups.size()];
        List<List<RecordRef>> skippedExamples = new ArrayList<>();
        groups.forEach(group -> skippedExamples.add(new ArrayList<>()));
        long[] abortedReads = new long[groups.size()];
        List<List<RecordRef>> abortedReadExamples = new ArrayList<>();
        groups.forEach(group -> abortedReadExamples.add(new ArrayList<>()));
        Tally tally = new Tally();

        for (ProducerLedger producer : ledger.producers()) {
            SeqBitSet present = stored.presentOf(producer);
            List<Integer> readers = new ArrayList<>();
            List<SeqBitSet> processed = new ArrayList<>();
            for (int g = 0; g < groups.size(); g++) {
                if (groups.get(g).topics().contains(producer.topic())) {
                    readers.add(g);
                    processed.add(groups.get(g).processedOf(producer));
                }
            }
            int sent = producer.sent();
            for (int word = 0; 64L * word < sent; word++) {
                int base = 64 * word;
                ProducerLedger.Chunk chunk = producer.chunkAt(base >>> ProducerLedger.CHUNK_BITS);
                int offsetInChunk = base & ProducerLedger.CHUNK_MASK;
                int count = Math.min(64, sent - base);
                long ackedBits = 0;
                long failedBits = 0;
                for (int j = 0; j < count; j++) {
                    switch (chunk.outcome[offsetInChunk + j] & ProducerLedger.STATE_MASK) {
                        case ProducerLedger.ACKED -> ackedBits |= 1L << j;
                        case ProducerLedger.FAILED -> failedBits |= 1L << j;
                        default -> { }
                    }
                }
                long unknownBits = ~(ackedBits | failedBits) & (count == 64 ? -1L : (1L << count) - 1);
                long presentBits = present == null ? 0 : present.word(word);
                tally.acked += Long.bitCount(ackedBits);
                tally.failed += Long.bitCount(failedBits);
                tally.unknown += Long.bitCount(unknownBits);
                tally.unknownPresent += Long.bitCount(unknownBits & presentBits);
                tally.failedPresent += Long.bitCount(failedBits & presentBits);
                for (long lostBits = ackedBits & ~presentBits; lostBits != 0; lostBits &= lostBits - 1) {
                    int seq = base + Long.numberOfTrailingZeros(lostBits);
                    lostByCluster[(chunk.outcome[seq & ProducerLedger.CHUNK_MASK] & 0xFF) >>> ProducerLedger.CLUSTER_SHIFT]++;
                    tally.lost(producer.sendTimeMs(seq), producer, seq, clusters);
                }
                long survivingBits = ackedBits & presentBits;
                for (int r = 0; r < readers.size(); r++) {
                    SeqBitSet groupProcessed = processed.get(r);
                    long skippedBits = survivingBits & ~(groupProcessed == null ? 0 : groupProcessed.word(word));
                    if (skippedBits != 0) {
                        int g = readers.get(r);
                        skipped[g] += Long.bitCount(skippedBits);
                        List<RecordRef> examples = skippedExamples.get(g);
                        for (; skippedBits != 0 && examples.size() < EXAMPLES; skippedBits &= skippedBits - 1) {
                            examples.add(ref(producer, base + Long.numberOfTrailingZeros(skippedBits), clusters));
                        }
                    }
                }
            }
            tally.sent += sent;
            transactions(producer, present, readers, processed, abortedReads, abortedReadExamples, tally, clusters);
        }

        List<CheckReport.GroupReport> groupReports = new ArrayList<>();
        for (int g = 0; g < groups.size(); g++) {
            GroupLedger group = groups.get(g);
            groupReports.add(new CheckReport.GroupReport(group.groupId(), group.processedCount(),
                    group.duplicateCount(), group.redundantDeliveryCount(), skipped[g], group.reorderedCount(),
                    group.corruptedCount(), group.foreignCount(), group.unexpectedCount(), group.processedByCluster(),
                    group.redundantByCluster(), List.copyOf(skippedExamples.get(g)), group.duplicateExamples(),
                    group.reorderExamples(), abortedReads[g], List.copyOf(abortedReadExamples.get(g)),
                    group.sameClusterDuplicateCount()));
        }

        Set<CorruptedRecord> corrupted = new HashSet<>(ledger.corruptions());
        corrupted.addAll(stored.corrupted());
        long storageDuplicates = 0;
        for (ProducerLedger producer : ledger.producers()) {
            SeqBitSet duplicated = stored.duplicatedOf(producer);
            storageDuplicates += duplicated == null ? 0 : duplicated.cardinality();
        }

        Map<String, Long> lostByAlias = new LinkedHashMap<>();
        for (ClusterId cluster : clusters) {
            if (lostByCluster[cluster.index()] > 0) {
                lostByAlias.put(cluster.alias(), lostByCluster[cluster.index()]);
            }
        }
        CheckReport.Loss loss = new CheckReport.Loss(tally.lost, tally.lost == 0 ? null : tally.firstLostMs,
                tally.lost == 0 ? null : tally.lastLostMs, tally.lost == 0 ? 0 : tally.lastLostMs - tally.firstLostMs,
                lostByAlias, List.copyOf(tally.lostExamples));

        return new CheckReport(stored.cluster(), stored.recordCount(), tally.sent, tally.acked, tally.failed,
                tally.unknown, tally.unknownPresent, tally.failedPresent - tally.abortedFailedPresent, loss, storageDuplicates,
                stored.extraCopies(), List.copyOf(stored.duplicateExamples()), corrupted.size() + ledger.corruptionsNotKept(),
                corrupted.stream().limit(EXAMPLES).toList(), stored.foreign(), stored.unexpected(),
                List.copyOf(groupReports), new CheckReport.Transactions(tally.committedTransactions, tally.abortedTransactions,
                tally.splitTransactions, tally.abortedStored, List.copyOf(tally.splitExamples)));
    }

    /**
     * One producer's transactions against the final cluster and the groups reading its topic: a
     * committed transaction with some but not all of its records stored is split; a record of an
     * aborted transaction that is stored is readable where it must not be (not a misclassified
     * error), and one a group processed is an aborted read.
     */
    private static void transactions(ProducerLedger producer, SeqBitSet present, List<Integer> readers,
                                     List<SeqBitSet> processed, long[] abortedReads,
                                     List<List<RecordRef>> abortedReadExamples, Tally tally, List<ClusterId> clusters) {
        for (long range : producer.committedTransactions()) {
            int from = ProducerLedger.transactionFrom(range);
            int to = ProducerLedger.transactionTo(range);
            long stored = 0;
            for (int seq = from; seq < to; seq++) {
                stored += present != null && present.get(seq) ? 1 : 0;
            }
            tally.committedTransactions++;
            if (stored > 0 && stored < to - from) {
                tally.splitTransactions++;
                if (tally.splitExamples.size() < EXAMPLES) {
                    tally.splitExamples.add(new CheckReport.SplitTransaction(producer.name(), from, to, stored));
                }
            }
        }
        for (long range : producer.abortedTransactions()) {
            tally.abortedTransactions++;
            for (int seq = ProducerLedger.transactionFrom(range); seq < ProducerLedger.transactionTo(range); seq++) {
                if (present != null && present.get(seq)) {
                    tally.abortedStored++;
                    if ((producer.outcome(seq) & ProducerLedger.STATE_MASK) == ProducerLedger.FAILED) {
                        tally.abortedFailedPresent++;
                    }
                }
                for (int r = 0; r < readers.size(); r++) {
                    SeqBitSet groupProcessed = processed.get(r);
                    if (groupProcessed != null && groupProcessed.get(seq)) {
                        int g = readers.get(r);
                        abortedReads[g]++;
                        if (abortedReadExamples.get(g).size() < EXAMPLES) {
                            abortedReadExamples.get(g).add(ref(producer, seq, clusters));
                        }
                    }
                }
            }
        }
    }

    private static RecordRef ref(ProducerLedger producer, int seq, List<ClusterId> clusters) {
        int clusterIndex = (producer.outcome(seq) & 0xFF) >>> ProducerLedger.CLUSTER_SHIFT;
        return new RecordRef(producer.name(), seq, producer.keyOf(seq), producer.sendTimeMs(seq),
                clusterIndex < clusters.size() ? clusters.get(clusterIndex).alias() : null,
                producer.partition(seq), producer.offset(seq));
    }

    /** Running totals of one check. */
    private static final class Tally {
        long sent;
        long acked;
        long failed;
        long unknown;
        long unknownPresent;
        long failedPresent;
        long lost;
        long firstLostMs = Long.MAX_VALUE;
        long lastLostMs = Long.MIN_VALUE;
        final List<RecordRef> lostExamples = new ArrayList<>();
        long committedTransactions;
        long abortedTransactions;
        long splitTransactions;
        long abortedStored;
        /** Stored records of aborted transactions that {@link #failedPresent} counted as misclassified errors. */
        long abortedFailedPresent;
        final List<CheckReport.SplitTransaction> splitExamples = new ArrayList<>();

        void lost(long sendTimeMs, ProducerLedger producer, int seq, List<ClusterId> clusters) {
            lost++;
            firstLostMs = Math.min(firstLostMs, sendTimeMs);
            lastLostMs = Math.max(lastLostMs, sendTimeMs);
            if (lostExamples.size() < EXAMPLES) {
                lostExamples.add(ref(producer, seq, clusters));
            }
        }
    }
}
