package io.firedrill.verify;


import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The checker's findings: every send accounted for, every anomaly counted and named with a few
 * example records.
 *
 * @param finalCluster      alias of the cluster whose contents were checked (where clients ended up)
 * @param storedRecords     records read from it, whatever they were
 * @param sent              sends attempted
 * @param acked             sends acknowledged (for transactional producers: committed)
 * @param failed            sends that definitely failed
 * @param unknownOutcome    sends whose outcome was never learned (never counted as lost)
 * @param unknownPresent    of those, how many are stored on the final cluster
 * @param failedPresent     "definitely failed" sends that are stored after all: a misclassified error
 * @param lost              acknowledged records missing from the final cluster: the RPO
 * @param storageDuplicates distinct records stored more than once on the final cluster
 * @param storageExtraCopies copies beyond the first of those
 * @param corrupted         distinct corrupted records, stored or delivered to a group (by location)
 * @param foreignStored     intact records of another drill run on the final cluster (not anomalies)
 * @param unexpectedStored  records with this run's id that the ledger never sent
 * @param groups            one report per consumer group
 * @param transactions      what became of the transactional producers' transactions on the final cluster
 */
public record CheckReport(String finalCluster, long storedRecords, long sent, long acked, long failed,
                          long unknownOutcome, long unknownPresent, long failedPresent, Loss lost,
                          long storageDuplicates, long storageExtraCopies, List<RecordRef> storageDuplicateExamples,
                          long corrupted, List<CorruptedRecord> corruptedExamples, long foreignStored,
                          long unexpectedStored, List<GroupReport> groups, Transactions transactions) {

    /**
     * Transactions of the transactional producers, judged where the clients ended up.
     *
     * @param committed      transactions that committed
     * @param aborted        transactions that were aborted
     * @param split          committed transactions only partly stored on the final cluster (some of their
     *                       records there, some not): all-or-nothing broke, typically across a failover
     * @param abortedStored  records of aborted transactions stored there as readable (read_committed) records:
     *                       an at-least-once MirrorMaker reads read_uncommitted and copies them as plain records
     * @param splitExamples  a few of the split transactions
     */
    public record Transactions(long committed, long aborted, long split, long abortedStored,
                               List<SplitTransaction> splitExamples) {

        /** Whether any producer finished a transaction, i.e. the transaction figures mean something. */
        public boolean any() {
            return committed + aborted > 0;
        }
    }

    /** A committed transaction {@code [fromSeq, toSeq)} of a producer of which only {@code present} records are stored. */
    public record SplitTransaction(String producer, int fromSeq, int toSeq, long present) {
        @Override
        public String toString() {
            return producer + " [" + fromSeq + ", " + toSeq + "): " + present + " of " + (toSeq - fromSeq) + " records stored";
        }
    }

    /**
     * Acknowledged records absent from the final cluster.
     *
     * @param firstSendMs  send time (epoch ms) of the earliest lost record, null when none was lost
     * @param lastSendMs   send time of the latest lost record, null when none was lost
     * @param spanMs       {@code lastSendMs - firstSendMs}: the window of traffic the loss covers (0 for one record)
     * @param byAckCluster lost records by the alias of the cluster that had acknowledged them
     */
    public record Loss(long count, Long firstSendMs, Long lastSendMs, long spanMs, Map<String, Long> byAckCluster,
                       List<RecordRef> examples) {
    }

    /**
     * What one consumer group did with the records it was expected to process.
     *
     * @param processed           distinct records processed at least once
     * @param duplicates          distinct records processed more than once
     * @param redundantDeliveries deliveries beyond the first (a record processed three times counts two)
     * @param skipped             acknowledged records stored on the final cluster that the group never processed
     * @param reordered           records first processed after a later sequence of the same producer and key
     * @param processedByCluster  first-time processing by the alias of the cluster read from
     * @param redundantByCluster  re-reads by the alias of the cluster read from (the failover's re-read shows here)
     * @param abortedReads        distinct records of aborted transactions the group processed; the group reads
     *                            read_committed, so each one is an aborted read (Jepsen's name)
     * @param sameClusterDuplicates distinct records the group processed twice from one cluster (see
     *                            {@link GroupLedger#sameClusterDuplicateCount()})
     */
    public record GroupReport(String groupId, long processed, long duplicates, long redundantDeliveries, long skipped,
                              long reordered, long corruptedDeliveries, long foreignDeliveries,
                              long unexpectedDeliveries, Map<String, Long> processedByCluster,
                              Map<String, Long> redundantByCluster, List<RecordRef> skippedExamples,
                              List<RecordRef> duplicateExamples, List<RecordRef> reorderExamples,
                              long abortedReads, List<RecordRef> abortedReadExamples, long sameClusterDuplicates) {
    }

    /** Records processed twice from one cluster, over all groups: what replication itself duplicated and groups read. */
    public long sameClusterDuplicates() {
        return groups.stream().mapToLong(GroupReport::sameClusterDuplicates).sum();
    }

    /** Records of aborted transactions processed by read_committed groups, over all groups. */
    public long abortedReads() {
        return groups.stream().mapToLong(GroupReport::abortedReads).sum();
    }

    /** Distinct records processed more than once, over all groups. */
    public long consumerDuplicates() {
        return groups.stream().mapToLong(GroupReport::duplicates).sum();
    }

    /** Skipped records, over all groups (a record two groups skipped counts twice). */
    public long skipped() {
        return groups.stream().mapToLong(GroupReport::skipped).sum();
    }

    public long reordered() {
        return groups.stream().mapToLong(GroupReport::reordered).sum();
    }

    private long unexpected() {
        return unexpectedStored + groups.stream().mapToLong(GroupReport::unexpectedDeliveries).sum();
    }

    /**
     * No anomaly at all: nothing lost, duplicated, skipped, reordered, corrupted, unexpected or
     * misclassified, no aborted read and no split transaction.
     */
    public boolean clean() {
        return anomalies().isEmpty();
    }

    /** One line per anomaly found, for logs and reports; empty when {@link #clean()}. */
    public List<String> anomalies() {
        List<String> lines = new ArrayList<>();
        if (lost.count() > 0) {
            lines.add(lost.count() + " acknowledged records lost on " + finalCluster + " (acked on " + lost.byAckCluster()
                    + "), sent " + Instant.ofEpochMilli(lost.firstSendMs()) + " .. " + Instant.ofEpochMilli(lost.lastSendMs())
                    + " (" + lost.spanMs() + " ms), e.g. " + lost.examples().get(0));
        }
        for (GroupReport group : groups) {
            if (group.duplicates() > 0) {
                lines.add("group " + group.groupId() + " processed " + group.duplicates() + " records more than once ("
                        + group.redundantDeliveries() + " redundant deliveries, re-read from " + group.redundantByCluster()
                        + (group.sameClusterDuplicates() > 0 ? "; " + group.sameClusterDuplicates() + " of them twice from one cluster" : "")
                        + "), e.g. " + group.duplicateExamples().get(0));
            }
            if (group.skipped() > 0) {
                lines.add("group " + group.groupId() + " skipped " + group.skipped()
                        + " acknowledged records stored on " + finalCluster + ", e.g. " + group.skippedExamples().get(0));
            }
            if (group.abortedReads() > 0) {
                lines.add("group " + group.groupId() + " processed " + group.abortedReads() + " records of aborted transactions"
                        + " (aborted reads; it reads read_committed), e.g. " + group.abortedReadExamples().get(0));
            }
            if (group.reordered() > 0) {
                lines.add("group " + group.groupId() + " processed " + group.reordered()
                        + " records after a later record of the same producer and key, e.g. " + group.reorderExamples().get(0));
            }
        }
        if (corrupted > 0) {
            lines.add(corrupted + " corrupted records, e.g. " + corruptedExamples.get(0));
        }
        if (storageDuplicates > 0) {
            lines.add(storageDuplicates + " records stored more than once on " + finalCluster + " (" + storageExtraCopies
                    + " extra copies), e.g. " + storageDuplicateExamples.get(0));
        }
        if (transactions.split() > 0) {
            lines.add(transactions.split() + " of " + transactions.committed() + " committed transactions only partly stored on "
                    + finalCluster + ", e.g. " + transactions.splitExamples().get(0));
        }
        if (transactions.abortedStored() > 0) {
            lines.add(transactions.abortedStored() + " records of aborted transactions are readable on " + finalCluster);
        }
        if (unexpected() > 0) {
            lines.add(unexpected() + " records carry this run's id but were never sent by its ledger");
        }
        if (failedPresent > 0) {
            lines.add(failedPresent + " sends that failed with a definite error are stored on " + finalCluster);
        }
        return lines;
    }
}
