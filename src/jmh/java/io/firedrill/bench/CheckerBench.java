package io.firedrill.bench;

import io.firedrill.verify.CheckReport;
import io.firedrill.verify.Checker;
import io.firedrill.verify.ClusterId;
import io.firedrill.verify.GroupLedger;
import io.firedrill.verify.Ledger;
import io.firedrill.verify.ProducerLedger;
import io.firedrill.verify.RecordFormat;
import io.firedrill.verify.StoredRecords;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The checker's throughput in records per second: {@link #check} is the verdict pass over a
 * 10-million-record ledger (one producer, one group, all acked, processed and stored);
 * {@link #readFinalContents} is feeding the checker what a cluster holds (decode, CRC32C, bitsets)
 * for 1 million 256-byte records. The trial's teardown writes the ledger's footprint (its own
 * accounting and the measured heap) to {@code reports/bench/ledger-footprint.json}.
 */
@BenchmarkMode(Mode.Throughput)
@Fork(value = 1, jvmArgs = {"-Xms3g", "-Xmx3g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
public class CheckerBench {
    static final int LEDGER_RECORDS = 10_000_000;
    static final int STORED_RECORDS = 1_000_000;
    static final int KEYS = 100;

    @State(Scope.Benchmark)
    public static class TenMillion {
        Ledger ledger;
        StoredRecords stored;
        long heapBytes;

        @Setup(Level.Trial)
        public void build() {
            long before = usedHeapAfterGc();
            ledger = new Ledger(1, System.currentTimeMillis());
            ClusterId primary = ledger.cluster("primary");
            ProducerLedger producer = ledger.registerProducer("orders-producer", "orders", KEYS);
            GroupLedger group = ledger.registerGroup("billing", List.of("orders"));
            stored = new StoredRecords(ledger, "primary");
            RecordFormat.Encoder encoder = new RecordFormat.Encoder(1, producer.id(), KEYS, RecordFormat.MIN_RECORD_SIZE);
            long t0 = ledger.originMs();
            for (int i = 0; i < LEDGER_RECORDS; i++) {
                long sendTime = t0 + i / 1_000;
                int seq = producer.beginSend(sendTime);
                producer.acked(seq, primary, seq % 3, seq / 3, sendTime + 2);
                byte[] key = encoder.key(producer.keyOf(seq));
                byte[] value = encoder.value(seq, producer.keyOf(seq), sendTime);
                group.deliver(primary, "orders", seq % 3, seq / 3, key, value, sendTime + 10);
                stored.accept("orders", seq % 3, seq / 3, key, value);
            }
            heapBytes = usedHeapAfterGc() - before;
        }

        @TearDown(Level.Trial)
        public void writeFootprint() throws IOException {
            long ledgerBytes = ledger.retainedBytes();
            Path out = Path.of(System.getProperty("firedrill.reports", "reports"), "bench", "ledger-footprint.json");
            Files.createDirectories(out.getParent());
            Files.writeString(out, String.format(Locale.ROOT,
                    "{\"records\": %d, \"ledgerRetainedBytes\": %d, \"ledgerBytesPerRecord\": %.2f,"
                            + " \"heapBytesIncludingFinalContents\": %d, \"heapBytesPerRecord\": %.2f}%n",
                    LEDGER_RECORDS, ledgerBytes, (double) ledgerBytes / LEDGER_RECORDS, heapBytes,
                    (double) heapBytes / LEDGER_RECORDS));
        }
    }

    @State(Scope.Benchmark)
    public static class StoredContents {
        Ledger ledger;
        byte[][] keys;
        byte[][] values;

        @Setup(Level.Trial)
        public void encode() {
            ledger = new Ledger(2, System.currentTimeMillis());
            ClusterId primary = ledger.cluster("primary");
            ProducerLedger producer = ledger.registerProducer("orders-producer", "orders", KEYS);
            RecordFormat.Encoder encoder = new RecordFormat.Encoder(2, producer.id(), KEYS, 256);
            keys = new byte[STORED_RECORDS][];
            values = new byte[STORED_RECORDS][];
            for (int i = 0; i < STORED_RECORDS; i++) {
                int seq = producer.beginSend(ledger.originMs());
                producer.acked(seq, primary, 0, seq, ledger.originMs());
                keys[i] = encoder.key(producer.keyOf(seq));
                values[i] = encoder.value(seq, producer.keyOf(seq), ledger.originMs());
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(LEDGER_RECORDS)
    public CheckReport check(TenMillion state) {
        CheckReport report = Checker.check(state.ledger, state.stored);
        if (!report.clean() || report.acked() != LEDGER_RECORDS) {
            throw new IllegalStateException("the benchmark ledger should be clean: " + report.anomalies());
        }
        return report;
    }

    @Benchmark
    @OperationsPerInvocation(STORED_RECORDS)
    public StoredRecords readFinalContents(StoredContents state) {
        StoredRecords stored = new StoredRecords(state.ledger, "primary");
        for (int i = 0; i < STORED_RECORDS; i++) {
            stored.accept("orders", 0, i, state.keys[i], state.values[i]);
        }
        return stored;
    }

    static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
