package io.firedrill.cluster.process;

import io.firedrill.cluster.UnflushedLoss;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a power cut does to a dead broker's log directory: every partition loses the records
 * written after its last flush, as the page cache that held them is gone.
 * <p>
 * Where the last flush was. Kafka, by default ({@code log.flush.interval.messages} and
 * {@code log.flush.interval.ms} unset), never fsyncs the active segment on its own schedule: it
 * flushes a segment when it rolls to the next one (up to the new segment's base offset) and when
 * it shuts down cleanly, and leaves durability to replication. Explicit flushes advance the
 * partition's recovery point, which Kafka checkpoints to {@code recovery-point-offset-checkpoint}
 * every {@code log.flush.offset.checkpoint.interval.ms} (and at a clean shutdown). So what is
 * surely on disk is everything below the larger of the active segment's base offset and the
 * checkpointed recovery point; the cut keeps that and drops the rest of the active segment, on a
 * batch boundary. Only explicit flushes made after the last checkpoint are lost beyond reality,
 * and Linux writing dirty pages back on its own (about 30 s later) is ignored: this is the worst
 * case, LazyFS's model, not a guess at what one machine's page cache held. Nothing is random, so
 * a drill with a power loss needs no seed to be repeated.
 * <p>
 * {@code __cluster_metadata} is left alone: KRaft fsyncs its log before it commits a record.
 * The cut segment's indexes are deleted so the broker rebuilds them from the log it finds
 * ("Could not find offset index file ... rebuilding" in its log), as after a real crash.
 */
final class PowerCut {

    static final String RECOVERY_POINT_CHECKPOINT = "recovery-point-offset-checkpoint";
    private static final String METADATA_PARTITION = "__cluster_metadata-0";
    private static final Pattern PARTITION_DIR = Pattern.compile("(.+)-(\\d+)");
    /** baseOffset (8) + batchLength (4): the batch length counts the bytes after these. */
    private static final int LOG_OVERHEAD = 12;
    /** Where a record batch keeps its lastOffsetDelta. */
    private static final int LAST_OFFSET_DELTA_AT = 23;

    private PowerCut() {}

    /** Cuts every partition in {@code logDir} back to its last flush; the broker must be dead. */
    static UnflushedLoss apply(String broker, Path logDir) {
        Map<String, Long> recoveryPoints = recoveryPoints(logDir.resolve(RECOVERY_POINT_CHECKPOINT));
        int partitions = 0;
        long records = 0;
        long bytes = 0;
        try (Stream<Path> dirs = Files.list(logDir)) {
            for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                String name = dir.getFileName().toString();
                if (name.equals(METADATA_PARTITION) || !PARTITION_DIR.matcher(name).matches()) {
                    continue;
                }
                Optional<Cut> cut = cut(dir, recoveryPoints.getOrDefault(name, 0L));
                if (cut.isPresent()) {
                    partitions++;
                    records += cut.get().records();
                    bytes += cut.get().bytes();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot cut " + logDir + " back to its last flush", e);
        }
        return new UnflushedLoss(broker, partitions, records, bytes);
    }

    private record Cut(long records, long bytes) {}

    /** Truncates the partition's active segment at the flushed offset; empty when nothing was unflushed. */
    private static Optional<Cut> cut(Path partitionDir, long recoveryPoint) throws IOException {
        Optional<Path> active;
        try (Stream<Path> files = Files.list(partitionDir)) {
            active = files.filter(file -> file.getFileName().toString().endsWith(".log"))
                    .max(Comparator.comparing(file -> file.getFileName().toString()));
        }
        if (active.isEmpty()) {
            return Optional.empty();
        }
        Path log = active.get();
        String base = log.getFileName().toString().replace(".log", "");
        long flushed = Math.max(recoveryPoint, Long.parseLong(base));
        try (FileChannel channel = FileChannel.open(log, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = channel.size();
            long keep = firstUnflushedBatch(channel, size, flushed);
            if (keep >= size) {
                return Optional.empty();
            }
            long records = countFrom(channel, keep, size);
            channel.truncate(keep);
            Files.deleteIfExists(partitionDir.resolve(base + ".index"));
            Files.deleteIfExists(partitionDir.resolve(base + ".timeindex"));
            return Optional.of(new Cut(records, size - keep));
        }
    }

    /**
     * The position of the first batch holding an offset at or past {@code flushed}, or of a torn
     * batch at the end (Kafka's own recovery drops that one anyway); {@code size} when every
     * batch is flushed.
     */
    private static long firstUnflushedBatch(FileChannel channel, long size, long flushed) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(LAST_OFFSET_DELTA_AT + Integer.BYTES);
        long position = 0;
        while (position + header.capacity() <= size) {
            header.clear();
            channel.read(header, position);
            long end = position + LOG_OVERHEAD + header.getInt(8);
            long lastOffset = header.getLong(0) + header.getInt(LAST_OFFSET_DELTA_AT);
            if (end > size || lastOffset >= flushed) {
                return position;
            }
            position = end;
        }
        return position;
    }

    /** Records in the whole batches from {@code position} to {@code size}. */
    private static long countFrom(FileChannel channel, long position, long size) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(LAST_OFFSET_DELTA_AT + Integer.BYTES);
        long records = 0;
        while (position + header.capacity() <= size) {
            header.clear();
            channel.read(header, position);
            long end = position + LOG_OVERHEAD + header.getInt(8);
            if (end > size) {
                break;
            }
            records += header.getInt(LAST_OFFSET_DELTA_AT) + 1L;
            position = end;
        }
        return records;
    }

    /** {@code topic-partition} to its checkpointed recovery point; empty when there is no checkpoint yet. */
    static Map<String, Long> recoveryPoints(Path checkpoint) {
        Map<String, Long> points = new HashMap<>();
        if (!Files.exists(checkpoint)) {
            return points;
        }
        try {
            List<String> lines = Files.readAllLines(checkpoint, StandardCharsets.UTF_8);
            // line 0 is the format version, line 1 the number of entries
            for (String line : lines.subList(Math.min(2, lines.size()), lines.size())) {
                String[] fields = line.strip().split(" ");
                if (fields.length == 3) {
                    points.put(fields[0] + "-" + fields[1], Long.parseLong(fields[2]));
                }
            }
            return points;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + checkpoint, e);
        }
    }
}
