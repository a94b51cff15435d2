package io.firedrill.bench;

import io.firedrill.verify.ClusterId;
import io.firedrill.verify.GroupLedger;
import io.firedrill.verify.Ledger;
import io.firedrill.verify.ProducerLedger;
import io.firedrill.verify.RecordFormat;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The ledger's cost on the traffic hot path, nanoseconds per record: a send with its ack
 * (what the producer thread and Kafka's callback do) and a group's delivery (decode, CRC32C,
 * bitsets, per-key order), each over a fresh ledger of 1 million records.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgs = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class LedgerBench {
    static final int RECORDS = 1_000_000;
    static final int KEYS = 100;

    @State(Scope.Thread)
    public static class FreshLedger {
        Ledger ledger;
        ClusterId primary;
        ProducerLedger producer;
        GroupLedger group;
        byte[][] keys;
        byte[][] values;

        @Setup(Level.Trial)
        public void encode() {
            RecordFormat.Encoder encoder = new RecordFormat.Encoder(3, 0, KEYS, 256);
            keys = new byte[RECORDS][];
            values = new byte[RECORDS][];
            for (int seq = 0; seq < RECORDS; seq++) {
                keys[seq] = encoder.key(seq % KEYS);
                values[seq] = encoder.value(seq, seq % KEYS, 1_700_000_000_000L);
            }
        }

        @Setup(Level.Invocation)
        public void reset() {
            ledger = new Ledger(3, 1_700_000_000_000L);
            primary = ledger.cluster("primary");
            producer = ledger.registerProducer("p", "orders", KEYS);
            group = ledger.registerGroup("g", List.of("orders"));
        }
    }

    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public ProducerLedger sendAndAck(FreshLedger state) {
        ProducerLedger producer = state.producer;
        long now = 1_700_000_000_000L;
        for (int i = 0; i < RECORDS; i++) {
            int seq = producer.beginSend(now + (i >> 10));
            producer.acked(seq, state.primary, seq & 7, seq, now + (i >> 10));
        }
        return producer;
    }

    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public GroupLedger deliver(FreshLedger state) {
        ProducerLedger producer = state.producer;
        for (int i = 0; i < RECORDS; i++) {
            producer.beginSend(1_700_000_000_000L);
        }
        GroupLedger group = state.group;
        for (int seq = 0; seq < RECORDS; seq++) {
            group.deliver(state.primary, "orders", 0, seq, state.keys[seq], state.values[seq], 1_700_000_000_000L);
        }
        return group;
    }
}
