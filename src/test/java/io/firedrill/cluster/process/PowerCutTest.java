package io.firedrill.cluster.process;

import io.firedrill.cluster.UnflushedLoss;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.internal.FileRecords;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The power cut on real Kafka segment files: what survives is exactly what a flush covered. */
class PowerCutTest {

    @TempDir
    Path logDir;

    @Test
    void aPartitionWithoutACheckpointLosesItsWholeActiveSegment() throws IOException {
        Path partition = partition("orders-0");
        segment(partition, 0, 4, 10); // 4 batches of 10 records, offsets 0..39
        Files.writeString(partition.resolve(segmentName(0) + ".index"), "stale");

        UnflushedLoss loss = PowerCut.apply("primary/broker-0", logDir);

        assertThat(loss).isEqualTo(new UnflushedLoss("primary/broker-0", 1, 40, loss.bytes()));
        assertThat(Files.size(partition.resolve(segmentName(0) + ".log"))).isZero();
        assertThat(partition.resolve(segmentName(0) + ".index")).as("rebuilt by the broker from the cut log").doesNotExist();
    }

    @Test
    void theCheckpointedRecoveryPointKeepsTheBatchesBelowItAndRolledSegmentsStayWhole() throws IOException {
        Path partition = partition("orders-1");
        long rolled = Files.size(segment(partition, 0, 2, 10));      // offsets 0..19, flushed when it rolled
        segment(partition, 20, 5, 10);                                 // offsets 20..69, the active segment
        checkpoint("orders 1 40");

        UnflushedLoss loss = PowerCut.apply("b", logDir);

        assertThat(loss.records()).isEqualTo(30);                     // offsets 40..69
        assertThat(Files.size(partition.resolve(segmentName(0) + ".log"))).isEqualTo(rolled);
        assertThat(lastOffset(partition.resolve(segmentName(20) + ".log"))).isEqualTo(39);
    }

    @Test
    void aFullyFlushedPartitionAndKraftsOwnLogAreLeftAlone() throws IOException {
        Path flushed = partition("orders-2");
        long size = Files.size(segment(flushed, 0, 3, 10));
        checkpoint("orders 2 30");
        Path metadata = partition("__cluster_metadata-0");
        long metadataSize = Files.size(segment(metadata, 0, 3, 10));

        UnflushedLoss loss = PowerCut.apply("b", logDir);

        assertThat(loss.partitionsCut()).isZero();
        assertThat(Files.size(flushed.resolve(segmentName(0) + ".log"))).isEqualTo(size);
        assertThat(Files.size(metadata.resolve(segmentName(0) + ".log"))).isEqualTo(metadataSize);
    }

    @Test
    void aTornBatchAtTheEndGoesWithTheUnflushedTail() throws IOException {
        Path partition = partition("orders-3");
        Path log = segment(partition, 0, 2, 10);
        long whole = Files.size(log);
        try (FileChannel channel = FileChannel.open(log, StandardOpenOption.WRITE)) {
            channel.truncate(whole - 5); // the last batch half written
        }
        checkpoint("orders 3 10");

        UnflushedLoss loss = PowerCut.apply("b", logDir);

        assertThat(lastOffset(log)).isEqualTo(9);
        assertThat(loss.records()).as("only whole batches are counted").isZero();
        assertThat(loss.bytes()).isEqualTo(whole - 5 - Files.size(log));
    }

    private Path partition(String name) throws IOException {
        return Files.createDirectories(logDir.resolve(name));
    }

    private void checkpoint(String... entries) throws IOException {
        List<String> lines = new ArrayList<>(List.of("0", Integer.toString(entries.length)));
        lines.addAll(List.of(entries));
        Files.write(logDir.resolve(PowerCut.RECOVERY_POINT_CHECKPOINT), lines);
    }

    /** A segment of {@code batches} real record batches of {@code perBatch} records from {@code base}. */
    private static Path segment(Path partition, long base, int batches, int perBatch) throws IOException {
        Path log = partition.resolve(segmentName(base) + ".log");
        try (FileChannel channel = FileChannel.open(log, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            for (int b = 0; b < batches; b++) {
                SimpleRecord[] records = new SimpleRecord[perBatch];
                for (int r = 0; r < perBatch; r++) {
                    records[r] = new SimpleRecord(("key-" + r).getBytes(), ("value-" + b + "-" + r).getBytes());
                }
                channel.write(MemoryRecords.withRecords(base + (long) b * perBatch, Compression.NONE, records).buffer());
            }
        }
        return log;
    }

    private static long lastOffset(Path log) throws IOException {
        long last = -1;
        try (FileRecords records = FileRecords.open(log.toFile())) {
            for (RecordBatch batch : records.batches()) {
                last = batch.lastOffset();
            }
        }
        return last;
    }

    private static String segmentName(long base) {
        return String.format("%020d", base);
    }
}
