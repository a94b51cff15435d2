package io.firedrill.verify;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/**
 * Every send of one producer, indexed by sequence, in chunks of {@value #CHUNK} records of
 * primitive arrays: an outcome byte (state and the cluster it was acked on), the send time as
 * milliseconds since the ledger's origin, the partition and the offset. 15 bytes a record, no
 * object per record.
 *
 * <p>Threading: {@link #beginSend} from one thread only (the producer's sending thread); the
 * outcome methods from any thread (Kafka's callback thread, the thread closing a producer), each
 * sequence keeping its first outcome; the queries from any thread.
 */
public final class ProducerLedger {
    static final int CHUNK_BITS = 16;
    static final int CHUNK = 1 << CHUNK_BITS;
    static final int CHUNK_MASK = CHUNK - 1;

    /** Outcome states in the low three bits of a record's outcome byte; the cluster index sits above them. */
    static final byte PENDING = 0;
    static final byte ACKED = 1;
    static final byte FAILED = 2;
    static final byte UNKNOWN = 3;
    static final byte APPENDED = 4;
    static final int STATE_MASK = 0b111;
    static final int CLUSTER_SHIFT = 3;
    static final char NO_PARTITION = Character.MAX_VALUE;

    private static final VarHandle OUTCOME = MethodHandles.arrayElementVarHandle(byte[].class);

    private final Ledger ledger;
    private final int id;
    private final String name;
    private final String topic;
    private final int keys;
    private volatile Chunk[] chunks = new Chunk[0];
    private volatile int sent;
    private final LongAdder acked = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder unknown = new LongAdder();
    private final LongAccumulator lastAckMs = new LongAccumulator(Math::max, Long.MIN_VALUE);
    /**
     * Transactions finished with a known outcome, each {@code [from, to)} packed as {@code from << 32 | to},
     * in the order they finished: what the checker needs to find split transactions and aborted reads.
     */
    private long[] committedTransactions = new long[0];
    private int committedTransactionCount;
    private long[] abortedTransactions = new long[0];
    private int abortedTransactionCount;
    /** Per cluster index, the milliseconds in which this producer got an acknowledgement there. */
    private final AtomicReferenceArray<ActivityTimeline> ackTimelines = new AtomicReferenceArray<>(Ledger.MAX_CLUSTERS);

    ProducerLedger(Ledger ledger, int id, String name, String topic, int keys) {
        if (keys < 1) {
            throw new IllegalArgumentException("producer " + name + ": keys must be at least 1, got " + keys);
        }
        this.ledger = ledger;
        this.id = id;
        this.name = name;
        this.topic = topic;
        this.keys = keys;
    }

    public int id() {
        return id;
    }

    public String name() {
        return name;
    }

    /** The logical topic this producer writes (the scenario's name, whatever a cluster calls it). */
    public String topic() {
        return topic;
    }

    public int keys() {
        return keys;
    }

    /** The key schedule of traffic records: sequences go round the keys. */
    public int keyOf(long seq) {
        return (int) (seq % keys);
    }

    /** Allocates the next sequence for a send made now; the outcome follows through the other methods. */
    public int beginSend(long sendTimeMs) {
        int seq = sent;
        if (seq == Integer.MAX_VALUE) {
            throw new IllegalStateException("producer " + name + " reached " + Integer.MAX_VALUE
                    + " records, the most one ledger producer can hold; use more producers");
        }
        Chunk[] current = chunks;
        int chunk = seq >>> CHUNK_BITS;
        if (chunk == current.length) {
            current = Arrays.copyOf(current, chunk + 1);
            current[chunk] = new Chunk();
            chunks = current;
        }
        current[chunk].sendDelta[seq & CHUNK_MASK] = Math.toIntExact(sendTimeMs - ledger.originMs());
        sent = seq + 1;
        return seq;
    }

    /** The cluster acknowledged the record at {@code partition}/{@code offset}. */
    public void acked(int seq, ClusterId cluster, int partition, long offset, long atMs) {
        Chunk chunk = chunk(seq);
        int i = seq & CHUNK_MASK;
        chunk.partition[i] = partition >= 0 && partition < NO_PARTITION ? (char) partition : NO_PARTITION;
        chunk.offset[i] = offset;
        if (resolve(chunk, i, PENDING, outcome(ACKED, cluster))) {
            ackTimeline(cluster).mark(atMs);
            lastAckMs.accumulate(atMs);
        }
    }

    /** A transactional send was appended; it counts as acked only once its transaction commits. */
    public void appended(int seq, ClusterId cluster, int partition, long offset) {
        Chunk chunk = chunk(seq);
        int i = seq & CHUNK_MASK;
        chunk.partition[i] = partition >= 0 && partition < NO_PARTITION ? (char) partition : NO_PARTITION;
        chunk.offset[i] = offset;
        resolve(chunk, i, PENDING, outcome(APPENDED, cluster));
    }

    /** The transaction holding {@code [fromSeq, toSeq)} committed: its appended records are acked. */
    public void committed(int fromSeq, int toSeq, ClusterId cluster, long atMs) {
        if (toSeq > fromSeq) {
            synchronized (this) {
                committedTransactions = append(committedTransactions, committedTransactionCount++, fromSeq, toSeq);
            }
        }
        boolean any = false;
        for (int seq = fromSeq; seq < toSeq; seq++) {
            Chunk chunk = chunk(seq);
            any |= resolve(chunk, seq & CHUNK_MASK, outcome(APPENDED, cluster), outcome(ACKED, cluster));
        }
        if (any) {
            ackTimeline(cluster).mark(atMs);
            lastAckMs.accumulate(atMs);
        }
    }

    /**
     * The transaction holding {@code [fromSeq, toSeq)} was aborted: none of its records was written
     * for a read_committed reader, and one that processes any of them made an aborted read.
     */
    public void aborted(int fromSeq, int toSeq) {
        if (toSeq > fromSeq) {
            synchronized (this) {
                abortedTransactions = append(abortedTransactions, abortedTransactionCount++, fromSeq, toSeq);
            }
        }
        for (int seq = fromSeq; seq < toSeq; seq++) {
            failed(seq);
        }
    }

    /** Committed transactions as {@code from << 32 | to}, in the order they committed. */
    synchronized long[] committedTransactions() {
        return Arrays.copyOf(committedTransactions, committedTransactionCount);
    }

    /** Aborted transactions as {@code from << 32 | to}, in the order they were aborted. */
    synchronized long[] abortedTransactions() {
        return Arrays.copyOf(abortedTransactions, abortedTransactionCount);
    }

    static int transactionFrom(long packed) {
        return (int) (packed >>> 32);
    }

    static int transactionTo(long packed) {
        return (int) packed;
    }

    private static long[] append(long[] ranges, int index, int fromSeq, int toSeq) {
        long[] grown = index < ranges.length ? ranges : Arrays.copyOf(ranges, Math.max(16, ranges.length * 2));
        grown[index] = (long) fromSeq << 32 | toSeq;
        return grown;
    }

    /** The send definitely did not write the record (an error that guarantees it, or an aborted transaction). */
    public void failed(int seq) {
        settle(seq, FAILED);
    }

    /** The outcome was never learned: timeout, connection lost, producer closed with the send in flight. */
    public void unknown(int seq) {
        settle(seq, UNKNOWN);
    }

    /** Sequences sent so far. */
    public int sent() {
        return sent;
    }

    public long ackedCount() {
        return acked.sum();
    }

    public long failedCount() {
        return failed.sum();
    }

    public long unknownCount() {
        return unknown.sum();
    }

    /** Epoch milliseconds of the latest acknowledgement, empty before the first. */
    public OptionalLong lastAckMs() {
        long last = lastAckMs.get();
        return last == Long.MIN_VALUE ? OptionalLong.empty() : OptionalLong.of(last);
    }

    /**
     * Epoch milliseconds of this producer's first acknowledgement from {@code alias} at or after
     * {@code atOrAfterMs}: RTO's first produce, and how long it took to recover after an address flip.
     */
    public OptionalLong firstAckOn(String alias, long atOrAfterMs) {
        ClusterId cluster = ledger.find(alias);
        ActivityTimeline timeline = cluster == null ? null : ackTimelines.get(cluster.index());
        return timeline == null ? OptionalLong.empty() : timeline.firstAtOrAfter(atOrAfterMs);
    }

    long retainedBytes() {
        Chunk[] current = chunks;
        long bytes = 16L + 8L * current.length + (long) current.length * Chunk.BYTES
                + 8L * (committedTransactions.length + abortedTransactions.length);
        for (int i = 0; i < Ledger.MAX_CLUSTERS; i++) {
            ActivityTimeline timeline = ackTimelines.get(i);
            if (timeline != null) {
                bytes += timeline.retainedBytes();
            }
        }
        return bytes;
    }

    private ActivityTimeline ackTimeline(ClusterId cluster) {
        ActivityTimeline timeline = ackTimelines.get(cluster.index());
        if (timeline == null) {
            ackTimelines.compareAndSet(cluster.index(), null, new ActivityTimeline(ledger.originMs()));
            timeline = ackTimelines.get(cluster.index());
        }
        return timeline;
    }

    byte outcome(int seq) {
        return (byte) OUTCOME.getAcquire(chunk(seq).outcome, seq & CHUNK_MASK);
    }

    long sendTimeMs(int seq) {
        return ledger.originMs() + chunk(seq).sendDelta[seq & CHUNK_MASK];
    }

    int partition(int seq) {
        char partition = chunk(seq).partition[seq & CHUNK_MASK];
        return partition == NO_PARTITION ? -1 : partition;
    }

    long offset(int seq) {
        return chunk(seq).offset[seq & CHUNK_MASK];
    }

    /** The raw arrays of one chunk, for the checker's sequential pass. */
    Chunk chunkAt(int index) {
        return chunks[index];
    }

    private Chunk chunk(int seq) {
        return chunks[seq >>> CHUNK_BITS];
    }

    private static byte outcome(byte state, ClusterId cluster) {
        return (byte) (state | cluster.index() << CLUSTER_SHIFT);
    }

    private void settle(int seq, byte state) {
        Chunk chunk = chunk(seq);
        int i = seq & CHUNK_MASK;
        byte current = (byte) OUTCOME.getAcquire(chunk.outcome, i);
        while ((current & STATE_MASK) == PENDING || (current & STATE_MASK) == APPENDED) {
            if (resolve(chunk, i, current, (byte) (state | (current & ~STATE_MASK)))) {
                return;
            }
            current = (byte) OUTCOME.getAcquire(chunk.outcome, i);
        }
    }

    private boolean resolve(Chunk chunk, int i, byte expected, byte outcome) {
        if (!OUTCOME.compareAndSet(chunk.outcome, i, expected, outcome)) {
            return false;
        }
        switch (outcome & STATE_MASK) {
            case ACKED -> acked.increment();
            case FAILED -> failed.increment();
            case UNKNOWN -> unknown.increment();
            default -> { }
        }
        return true;
    }

    static final class Chunk {
        static final long BYTES = 4 * 16L + CHUNK * (1L + 4L + 2L + 8L);

        final byte[] outcome = new byte[CHUNK];
        final int[] sendDelta = new int[CHUNK];
        final char[] partition = new char[CHUNK];
        final long[] offset = new long[CHUNK];

        Chunk() {
            Arrays.fill(partition, NO_PARTITION);
        }
    }
}
