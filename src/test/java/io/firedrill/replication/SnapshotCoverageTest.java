package io.firedrill.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A manifest edited with care (a segment or a topic dropped, its digest recomputed) passes every
 * checksum; what gives it away is coverage: every partition of every snapshotted topic needs its
 * segment, and the topics must be those snapshotted.
 */
class SnapshotCoverageTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path store;

    /** A 3-partition {@code orders} and a 1-partition {@code customers}, 10 records per partition. */
    private Path snapshot(List<Integer> ordersPartitionsKept, boolean keepCustomers, long declaredRecords) throws IOException {
        Path dir = Files.createDirectories(store.resolve("20261205-000000-000-primary"));
        List<SnapshotManifest.TopicEntry> topics = new ArrayList<>();
        topics.add(new SnapshotManifest.TopicEntry("orders", 3, 1, Map.of(), segments(dir, "orders", ordersPartitionsKept)));
        if (keepCustomers) {
            topics.add(new SnapshotManifest.TopicEntry("customers", 1, 1, Map.of(), segments(dir, "customers", List.of(0))));
        }
        byte[] manifest = JSON.writeValueAsBytes(new SnapshotManifest(SnapshotManifest.FORMAT, "2026-12-05T00:00:00Z",
                "primary", declaredRecords, topics, Map.of()));
        Files.write(dir.resolve(BackupStorage.MANIFEST), manifest);
        Files.writeString(dir.resolve(BackupStorage.MANIFEST_DIGEST), BackupStorage.sha256(manifest) + "\n", StandardCharsets.US_ASCII);
        return dir;
    }

    private static List<SnapshotManifest.Segment> segments(Path dir, String topic, List<Integer> partitions) throws IOException {
        List<SnapshotManifest.Segment> segments = new ArrayList<>();
        for (int partition : partitions) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                RecordSegment.writeHeader(out);
                for (long offset = 0; offset < 10; offset++) {
                    RecordSegment.write(out, new RecordSegment.StoredRecord(offset, 1_000 + offset, TimestampType.CREATE_TIME,
                            ("k" + offset).getBytes(StandardCharsets.UTF_8), new byte[] {1, 2, 3}, List.of()));
                }
            }
            String file = "topics/" + topic + "/" + partition + ".seg";
            Files.createDirectories(dir.resolve(file).getParent());
            Files.write(dir.resolve(file), bytes.toByteArray());
            segments.add(new SnapshotManifest.Segment(partition, file, 10, bytes.size(), BackupStorage.sha256(bytes.toByteArray()), 0, 10));
        }
        return segments;
    }

    @Test
    void aWholeSnapshotPasses() throws IOException {
        Path snapshot = snapshot(List.of(0, 1, 2), true, 40);

        assertThat(new BackupStorage(store).verify(snapshot).records()).isEqualTo(40);
    }

    @Test
    void aPartitionDroppedFromTheManifestIsRefusedByName() throws IOException {
        Path snapshot = snapshot(List.of(0, 2), true, 30);

        assertThatThrownBy(() -> new BackupStorage(store).verify(snapshot)).isInstanceOf(SnapshotRejectedException.class)
                .hasMessage("snapshot " + snapshot + " is refused, nothing was restored: manifest.json has no segment for"
                        + " partition orders-1 (the topic has 3 partitions)");
    }

    @Test
    void aPartitionListedTwiceIsRefused() throws IOException {
        Path snapshot = snapshot(List.of(0, 1, 1, 2), true, 50);

        assertThatThrownBy(() -> new BackupStorage(store).verify(snapshot)).isInstanceOf(SnapshotRejectedException.class)
                .hasMessageEndingWith("manifest.json lists partition orders-1 twice");
    }

    @Test
    void aRecordTotalThatDoesNotAddUpIsRefused() throws IOException {
        Path snapshot = snapshot(List.of(0, 1, 2), true, 400);

        assertThatThrownBy(() -> new BackupStorage(store).verify(snapshot)).isInstanceOf(SnapshotRejectedException.class)
                .hasMessageEndingWith("manifest.json counts 400 records, its segments 40");
    }

    @Test
    void aTopicDroppedFromASnapshotThisStoreWroteIsRefused() throws IOException {
        Path snapshot = snapshot(List.of(0, 1, 2), false, 30);
        BackupStorage storage = new BackupStorage(store);
        storage.remember(snapshot, Map.of("orders", 3, "customers", 1));

        assertThatThrownBy(() -> storage.verify(snapshot)).isInstanceOf(SnapshotRejectedException.class)
                .hasMessageEndingWith("manifest.json does not list what was snapshotted: topic customers is missing");
        // a store that did not write it cannot know: the snapshot is judged on its own coverage
        assertThat(new BackupStorage(store).verify(snapshot).topics()).hasSize(1);
    }
}
