package io.firedrill.verify;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What is finally stored on the cluster where clients end up, as far as the ledger's records go:
 * per producer a bitset of the sequences present and one of those stored more than once, plus
 * the corrupted, foreign and unexpected records met. Fill it with every record of the drill's
 * topics (in any order), then hand it to {@link Checker#check}. Single-threaded.
 */
public final class StoredRecords implements StoredRecordSink {
    private final Ledger ledger;
    private final String cluster;
    private SeqBitSet[] present = new SeqBitSet[0];
    private SeqBitSet[] duplicated = new SeqBitSet[0];
    private long records;
    private long extraCopies;
    private long foreign;
    private long unexpected;
    private final List<CorruptedRecord> corrupted = new ArrayList<>();
    private final List<RecordRef> duplicateExamples = new ArrayList<>();

    /** @param cluster the alias of the cluster being read, for the report */
    public StoredRecords(Ledger ledger, String cluster) {
        this.ledger = ledger;
        this.cluster = cluster;
    }

    @Override
    public void accept(String topic, int partition, long offset, byte[] key, byte[] value) {
        records++;
        RecordFormat.Decoded decoded = RecordFormat.decode(key, value);
        if (decoded instanceof Undecodable undecodable) {
            corrupted.add(new CorruptedRecord(cluster, topic, partition, offset, undecodable.problem()));
            return;
        }
        TrafficRecord record = (TrafficRecord) decoded;
        if (record.runId() != ledger.runId()) {
            foreign++;
            return;
        }
        ProducerLedger producer = ledger.senderOf(record);
        if (producer == null) {
            unexpected++;
            return;
        }
        int seq = (int) record.seq();
        if (bitset(producer.id(), true).getAndSet(seq)) {
            extraCopies++;
            if (!bitset(producer.id(), false).getAndSet(seq) && duplicateExamples.size() < GroupLedger.EXAMPLES) {
                duplicateExamples.add(new RecordRef(producer.name(), seq, record.keyIndex(), record.sendTimeMs(),
                        cluster, partition, offset));
            }
        }
    }

    public String cluster() {
        return cluster;
    }

    /** Every record read, whatever it was. */
    public long recordCount() {
        return records;
    }

    SeqBitSet presentOf(ProducerLedger producer) {
        return producer.id() < present.length ? present[producer.id()] : null;
    }

    SeqBitSet duplicatedOf(ProducerLedger producer) {
        return producer.id() < duplicated.length ? duplicated[producer.id()] : null;
    }

    long extraCopies() {
        return extraCopies;
    }

    long foreign() {
        return foreign;
    }

    long unexpected() {
        return unexpected;
    }

    List<CorruptedRecord> corrupted() {
        return corrupted;
    }

    List<RecordRef> duplicateExamples() {
        return duplicateExamples;
    }

    long retainedBytes() {
        long bytes = 0;
        for (SeqBitSet set : present) {
            bytes += set == null ? 0 : set.retainedBytes();
        }
        for (SeqBitSet set : duplicated) {
            bytes += set == null ? 0 : set.retainedBytes();
        }
        return bytes;
    }

    private SeqBitSet bitset(int producerId, boolean presence) {
        SeqBitSet[] sets = presence ? present : duplicated;
        if (producerId >= sets.length) {
            sets = Arrays.copyOf(sets, producerId + 1);
            if (presence) {
                present = sets;
            } else {
                duplicated = sets;
            }
        }
        if (sets[producerId] == null) {
            sets[producerId] = new SeqBitSet();
        }
        return sets[producerId];
    }
}
