package io.firedrill.verify;

import java.util.List;

/**
 * A drill without Kafka: one producer writing {@code orders} through a real {@link Ledger} and
 * real encoded records, one group reading it, and the final cluster's contents fed by hand, so
 * each test plays exactly the history it checks.
 */
final class SyntheticDrill {
    static final int RUN_ID = 0x5EED;
    static final long T0 = 1_700_000_000_000L;
    static final int KEYS = 10;
    static final int PARTITIONS = 3;

    final Ledger ledger = new Ledger(RUN_ID, T0);
    final ClusterId primary = ledger.cluster("primary");
    final ClusterId backup = ledger.cluster("backup");
    final ProducerLedger producer = ledger.registerProducer("orders-producer", "orders", KEYS);
    final GroupLedger group = ledger.registerGroup("billing", List.of("orders"));
    final StoredRecords stored = new StoredRecords(ledger, "backup");
    private final RecordFormat.Encoder encoder = new RecordFormat.Encoder(RUN_ID, producer.id(), KEYS, 64);

    /** Sends {@code count} records, record i at {@code T0 + i * spacingMs}. */
    void send(int count, long spacingMs) {
        for (int i = 0; i < count; i++) {
            producer.beginSend(T0 + (long) producer.sent() * spacingMs);
        }
    }

    /** Acks every sequence in {@code [from, to)} on {@code cluster}, the offset being the sequence's place in its partition. */
    void ack(int from, int to, ClusterId cluster) {
        for (int seq = from; seq < to; seq++) {
            producer.acked(seq, cluster, partition(seq), seq / PARTITIONS, producer.sendTimeMs(seq) + 5);
        }
    }

    void sendAndAck(int count, long spacingMs) {
        int from = producer.sent();
        send(count, spacingMs);
        ack(from, producer.sent(), primary);
    }

    /** The group processes {@code [from, to)} in order, read from {@code cluster}. */
    GroupLedger.Delivery deliver(int from, int to, ClusterId cluster) {
        GroupLedger.Delivery last = null;
        for (int seq = from; seq < to; seq++) {
            last = deliver(seq, cluster);
        }
        return last;
    }

    GroupLedger.Delivery deliver(int seq, ClusterId cluster) {
        return group.deliver(cluster, "orders", partition(seq), seq / PARTITIONS, key(seq), value(seq),
                producer.sendTimeMs(seq) + 20);
    }

    /** The final cluster holds {@code [from, to)}. */
    void store(int from, int to) {
        for (int seq = from; seq < to; seq++) {
            store(seq);
        }
    }

    void store(int seq) {
        stored.accept("orders", partition(seq), seq / PARTITIONS, key(seq), value(seq));
    }

    byte[] key(int seq) {
        return encoder.key(producer.keyOf(seq));
    }

    byte[] value(int seq) {
        return encoder.value(seq, producer.keyOf(seq), producer.sendTimeMs(seq));
    }

    CheckReport check() {
        return Checker.check(ledger, stored);
    }

    static int partition(int seq) {
        return (seq % KEYS) % PARTITIONS;
    }
}
