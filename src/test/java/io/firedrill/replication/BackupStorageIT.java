package io.firedrill.replication;

import io.firedrill.cluster.ClusterSpec;
import io.firedrill.cluster.KafkaCluster;
import io.firedrill.cluster.process.ProcessClusterBackend;
import io.firedrill.process.ChildProcesses;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import io.firedrill.process.RunDirectory;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The backup storage against a real cluster: snapshot, rebuild the cluster empty, refuse a
 * corrupted and a truncated snapshot without writing anything, then restore the intact one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BackupStorageIT {

    private static final List<String> TOPICS = List.of("bk-orders", "bk-audit");
    private static final RestorePlan PLAN = new RestorePlan("primary", ReplicationPolicyKind.IDENTITY, TOPICS);

    private Path store;
    private KafkaCluster cluster;
    private BackupStorage storage;
    private BackupStorage.Snapshot snapshot;
    private Map<String, List<String>> before;
    private Map<TopicPartition, OffsetAndMetadata> committedBefore;

    @BeforeAll
    void startCluster() {
        cluster = new ProcessClusterBackend().start(ClusterSpec.of("primary", 1));
        store = RunDirectory.resolve("backup-storage-it/store");
    }

    @AfterAll
    void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
        RunDirectory.deleteRecursively(store.getParent());
        assertThat(ChildProcesses.live()).isEmpty();
    }

    @Test
    @Order(1)
    void snapshotHoldsEveryRecordTheConfigsAndTheGroupOffsets() throws Exception {
        TopicData.create(cluster, "bk-orders", 3, Map.of("retention.ms", "7200000", "max.message.bytes", "2000000"));
        TopicData.create(cluster, "bk-audit", 1, Map.of());
        try (AckedProducer orders = new AckedProducer("orders").target(cluster.bootstrapServers(), "bk-orders");
             AckedProducer audit = new AckedProducer("audit").target(cluster.bootstrapServers(), "bk-audit")) {
            orders.send(3000);
            audit.send(500);
        }
        try (KafkaProducer<String, String> odd = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                cluster.bootstrapServers()), new StringSerializer(), new StringSerializer())) {
            ProducerRecord<String, String> tombstone = new ProducerRecord<String, String>("bk-orders", 1, 1_000L, "gone", (String) null);
            tombstone.headers().add("why", "deleted".getBytes(StandardCharsets.UTF_8)).add("empty", new byte[0]);
            odd.send(tombstone).get();
            odd.send(new ProducerRecord<String, String>("bk-audit", 0, (String) null, "no key")).get();
        }
        try (GroupReader reader = new GroupReader("bk-billing")) {
            reader.start(cluster.bootstrapServers(), List.of("bk-orders"));
            await().until(() -> reader.count() >= 1000);
        }
        before = TOPICS.stream().collect(Collectors.toMap(topic -> topic, topic -> describe(TopicData.readAll(cluster, topic))));
        try (Admin admin = TopicData.admin(cluster)) {
            committedBefore = admin.listConsumerGroupOffsets("bk-billing").partitionsToOffsetAndMetadata().get();
        }

        storage = new BackupStorage(store);
        snapshot = storage.snapshot(cluster, TOPICS, "bk-.*");

        assertThat(snapshot.records()).isEqualTo(3502);
        assertThat(storage.latest()).contains(snapshot.directory());
        SnapshotManifest manifest = storage.verify(snapshot.directory());
        assertThat(manifest.topics()).extracting(SnapshotManifest.TopicEntry::name).containsExactlyInAnyOrder("bk-orders", "bk-audit");
        assertThat(manifest.topics().stream().filter(t -> t.name().equals("bk-orders")).findFirst().orElseThrow().configs())
                .containsEntry("retention.ms", "7200000").containsEntry("max.message.bytes", "2000000");
        assertThat(manifest.groups()).containsKey("bk-billing");
        System.out.printf("snapshot: %d records, %d bytes in %d ms%n", snapshot.records(), snapshot.bytes(), snapshot.ms());
        cluster.rebuildEmpty();
    }

    @Test
    @Order(2)
    void corruptedSnapshotIsRefusedBeforeAnythingIsWritten() throws IOException {
        Path corrupted = copy(snapshot.directory(), "corrupted");
        try (RandomAccessFile file = new RandomAccessFile(corrupted.resolve("topics/bk-orders/1.seg").toFile(), "rw")) {
            file.seek(file.length() / 2);
            int b = file.read();
            file.seek(file.length() / 2);
            file.write(b ^ 0x20);
        }
        assertThatThrownBy(() -> storage.restore(corrupted, cluster, PLAN))
                .isInstanceOf(SnapshotRejectedException.class)
                .hasMessageContaining("nothing was restored")
                .hasMessageContaining("topics/bk-orders/1.seg has SHA-256");
        assertNothingWritten();
    }

    @Test
    @Order(3)
    void truncatedSnapshotIsRefusedBeforeAnythingIsWritten() throws IOException {
        Path truncated = copy(snapshot.directory(), "truncated");
        Path segment = truncated.resolve("topics/bk-orders/2.seg");
        try (RandomAccessFile file = new RandomAccessFile(segment.toFile(), "rw")) {
            file.setLength(file.length() - 37);
        }
        assertThatThrownBy(() -> storage.restore(truncated, cluster, PLAN))
                .isInstanceOf(SnapshotRejectedException.class)
                .hasMessageContaining("topics/bk-orders/2.seg has")
                .hasMessageContaining("(truncated)");

        Path manifestTampered = copy(snapshot.directory(), "manifest");
        Path manifest = manifestTampered.resolve(BackupStorage.MANIFEST);
        Files.writeString(manifest, Files.readString(manifest).replaceFirst("\"records\" : 3502", "\"records\" : 3501"));
        assertThatThrownBy(() -> storage.restore(manifestTampered, cluster, PLAN))
                .isInstanceOf(SnapshotRejectedException.class)
                .hasMessageContaining("manifest.json has SHA-256");
        assertNothingWritten();
    }

    @Test
    @Order(4)
    void intactSnapshotRestoresRecordsInPartitionOrderConfigsAndGroupOffsets() throws Exception {
        RestoreResult result = storage.restore(snapshot.directory(), cluster, PLAN);

        assertThat(result.records()).isEqualTo(3502);
        for (String topic : TOPICS) {
            assertThat(describe(TopicData.readAll(cluster, topic))).as(topic).containsExactlyElementsOf(before.get(topic));
        }
        try (Admin admin = TopicData.admin(cluster)) {
            ConfigResource orders = new ConfigResource(ConfigResource.Type.TOPIC, "bk-orders");
            assertThat(admin.describeConfigs(List.of(orders)).all().get().get(orders).get("retention.ms").value()).isEqualTo("7200000");
            assertThat(admin.describeTopics(List.of("bk-orders")).allTopicNames().get().get("bk-orders").partitions()).hasSize(3);
            assertThat(offsets(admin.listConsumerGroupOffsets("bk-billing").partitionsToOffsetAndMetadata().get()))
                    .as("offsets are the same: the topics started at offset 0 and are restored whole")
                    .isEqualTo(offsets(committedBefore));
        }
        System.out.printf("storage restore: %d records in %d ms (%d ms copying, %.0f records/s)%n",
                result.records(), result.ms(), result.copyMs(), result.recordsPerSecond());
    }

    private static Map<TopicPartition, Long> offsets(Map<TopicPartition, OffsetAndMetadata> committed) {
        return committed.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().offset()));
    }

    private void assertNothingWritten() {
        try (Admin admin = TopicData.admin(cluster)) {
            assertThat(admin.listTopics().names().get()).doesNotContainAnyElementsOf(TOPICS);
            assertThat(admin.listGroups(ListGroupsOptions.forConsumerGroups()).all().get())
                    .noneMatch(group -> group.groupId().equals("bk-billing"));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Partition, offset, key, value, timestamp and every header: what a restore must keep. */
    private static List<String> describe(List<ConsumerRecord<String, String>> records) {
        return records.stream().sorted(java.util.Comparator.comparingInt(ConsumerRecord<String, String>::partition)
                        .thenComparingLong(ConsumerRecord::offset))
                .map(r -> r.partition() + "/" + r.offset() + " " + r.key() + "=" + r.value() + " @" + r.timestamp() + " "
                        + Arrays.stream(r.headers().toArray()).map(BackupStorageIT::header).collect(Collectors.joining(",")))
                .toList();
    }

    private static String header(Header header) {
        return header.key() + ":" + (header.value() == null ? "null" : new String(header.value(), StandardCharsets.UTF_8));
    }

    private Path copy(Path source, String name) throws IOException {
        Path target = store.resolveSibling(store.getFileName() + "-" + name);
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.toList()) {
                Path destination = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(destination);
                } else {
                    Files.copy(file, destination);
                }
            }
        }
        return target;
    }
}
