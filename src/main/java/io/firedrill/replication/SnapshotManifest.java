package io.firedrill.replication;

import java.util.List;
import java.util.Map;

/**
 * {@code manifest.json} of a snapshot in the backup storage; {@code manifest.json.sha256} holds
 * the SHA-256 of its bytes. See {@link BackupStorage} for the layout.
 *
 * @param format  {@value #FORMAT}
 * @param groups  consumer group -> topic -> partition -> committed offset (the next record to read)
 */
public record SnapshotManifest(String format, String createdAt, String sourceCluster, long records,
                               List<TopicEntry> topics, Map<String, Map<String, Map<Integer, Long>>> groups) {

    public static final String FORMAT = "firedrill-snapshot/1";

    /** A topic as it was: partition count, replication factor, non-default configs, and its segments. */
    public record TopicEntry(String name, int partitions, int replicationFactor, Map<String, String> configs,
                             List<Segment> segments) {}

    /**
     * One partition's records, offsets {@code startOffset} (log start) up to {@code endOffset}
     * (exclusive) at the snapshot; {@code records} may be fewer than the offset range (compaction,
     * transaction markers).
     */
    public record Segment(int partition, String file, long records, long bytes, String sha256,
                          long startOffset, long endOffset) {}
}
