package io.firedrill.replication;

import io.firedrill.support.KafkaAdmin;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.firedrill.cluster.KafkaCluster;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The drill's backup storage: snapshots of critical topics in a local directory, and their
 * replay onto a rebuilt cluster.
 *
 * <p>Layout of one snapshot, {@code <store>/<UTC time>-<cluster>/}:
 * <pre>
 * manifest.json            {@link SnapshotManifest}: topics (partitions, replication factor,
 *                          non-default configs), per partition its segment file, record count,
 *                          byte size, SHA-256 and offset range, and the consumer groups' offsets
 * manifest.json.sha256     SHA-256 of manifest.json, hex
 * topics/&lt;topic&gt;/&lt;partition&gt;.seg   the partition's records in offset order ({@link RecordSegment}):
 *                          offset, timestamp and its type, key, value, headers
 * </pre>
 * A restore first verifies the whole snapshot (every checksum, size and record count, every
 * record parsed) and refuses it with {@link SnapshotRejectedException} before it writes anything;
 * a corrupt or truncated snapshot is never half-restored.
 */
public final class BackupStorage {

    static final String MANIFEST = "manifest.json";
    static final String MANIFEST_DIGEST = "manifest.json.sha256";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final DateTimeFormatter SNAPSHOT_NAME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path store;
    /**
     * Topic -> partition count of every snapshot this store wrote: a manifest whose digest was
     * recomputed after a topic entry was dropped is still refused when the snapshot is known.
     */
    private final Map<Path, Map<String, Integer>> written = new ConcurrentHashMap<>();

    public BackupStorage(Path store) {
        this.store = store;
    }

    public Path store() {
        return store;
    }

    /** A snapshot taken: where it is and what it holds. */
    public record Snapshot(Path directory, long records, long bytes, long ms, SnapshotManifest manifest) {}

    /**
     * Snapshots the topics as they are now (each partition from its log start to its end offset,
     * committed data only) and the committed offsets of the consumer groups matching {@code groups}.
     */
    public Snapshot snapshot(KafkaCluster cluster, List<String> topics, String groups) {
        long started = System.nanoTime();
        Path dir = store.resolve(SNAPSHOT_NAME.format(Instant.now()) + "-" + cluster.name());
        try (Admin admin = KafkaClients.admin(cluster, "snapshot", TIMEOUT)) {
            Files.createDirectories(dir.resolve("topics"));
            Map<String, TopicDescription> descriptions = admin.describeTopics(topics).allTopicNames().get();
            Map<String, Map<String, String>> configs = nonDefaultConfigs(admin, topics);
            List<TopicPartition> partitions = descriptions.values().stream()
                    .flatMap(d -> d.partitions().stream().map(p -> new TopicPartition(d.name(), p.partition())))
                    .sorted(Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition)).toList();
            Map<TopicPartition, SnapshotManifest.Segment> segments = readPartitions(cluster, partitions, dir);
            Map<String, Map<String, Map<Integer, Long>>> groupOffsets = groupOffsets(admin, groups, segments);

            List<SnapshotManifest.TopicEntry> entries = new ArrayList<>();
            for (String topic : topics.stream().sorted().toList()) {
                TopicDescription description = descriptions.get(topic);
                List<SnapshotManifest.Segment> topicSegments = partitions.stream()
                        .filter(tp -> tp.topic().equals(topic)).map(segments::get).toList();
                entries.add(new SnapshotManifest.TopicEntry(topic, description.partitions().size(),
                        description.partitions().get(0).replicas().size(), configs.get(topic), topicSegments));
            }
            long records = segments.values().stream().mapToLong(SnapshotManifest.Segment::records).sum();
            SnapshotManifest manifest = new SnapshotManifest(SnapshotManifest.FORMAT, Instant.now().toString(),
                    cluster.name(), records, entries, groupOffsets);
            byte[] manifestBytes = JSON.writeValueAsBytes(manifest);
            Files.write(dir.resolve(MANIFEST), manifestBytes);
            Files.writeString(dir.resolve(MANIFEST_DIGEST), sha256(manifestBytes) + "\n", StandardCharsets.US_ASCII);
            remember(dir, entries.stream().collect(Collectors.toMap(SnapshotManifest.TopicEntry::name,
                    SnapshotManifest.TopicEntry::partitions)));
            long bytes = segments.values().stream().mapToLong(SnapshotManifest.Segment::bytes).sum();
            return new Snapshot(dir, records, bytes, (System.nanoTime() - started) / 1_000_000, manifest);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the snapshot " + dir, e);
        } catch (ExecutionException e) {
            throw new ReplicationException("cannot snapshot " + topics + " of " + cluster.name() + ": "
                    + KafkaAdmin.rootMessage(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReplicationException("interrupted while snapshotting " + cluster.name(), e);
        }
    }

    private static Map<String, Map<String, String>> nonDefaultConfigs(Admin admin, List<String> topics)
            throws ExecutionException, InterruptedException {
        List<ConfigResource> resources = topics.stream().map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t)).toList();
        Map<String, Map<String, String>> configs = new HashMap<>();
        for (Map.Entry<ConfigResource, Config> entry : admin.describeConfigs(resources).all().get().entrySet()) {
            configs.put(entry.getKey().name(), entry.getValue().entries().stream()
                    .filter(config -> config.source() == ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG && config.value() != null)
                    .collect(Collectors.toMap(ConfigEntry::name, ConfigEntry::value, (a, b) -> a, TreeMap::new)));
        }
        return configs;
    }

    private static Map<TopicPartition, SnapshotManifest.Segment> readPartitions(KafkaCluster cluster, List<TopicPartition> partitions, Path dir)
            throws IOException {
        Map<String, Object> config = KafkaClients.base(cluster, "snapshot-reader");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024);
        try (KafkaConsumer<byte[], byte[]> consumer = KafkaClients.consumer(config, TIMEOUT)) {
            consumer.assign(partitions);
            Map<TopicPartition, Long> starts = consumer.beginningOffsets(partitions, TIMEOUT);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, TIMEOUT);
            Map<TopicPartition, SegmentWriter> writers = new LinkedHashMap<>();
            try {
                for (TopicPartition tp : partitions) {
                    String file = "topics/" + tp.topic() + "/" + tp.partition() + ".seg";
                    writers.put(tp, new SegmentWriter(dir.resolve(file), file));
                    consumer.seek(tp, starts.get(tp));
                }
                long deadline = System.nanoTime() + TIMEOUT.multipliedBy(4).toNanos();
                while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                    if (System.nanoTime() > deadline) {
                        throw new ReplicationException("snapshot of " + partitions + " did not finish reading within "
                                + TIMEOUT.multipliedBy(4).toSeconds() + " s");
                    }
                    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                        TopicPartition tp = new TopicPartition(record.topic(), record.partition());
                        if (record.offset() < ends.get(tp)) {
                            writers.get(tp).write(RecordSegment.StoredRecord.of(record));
                        }
                    }
                }
            } finally {
                for (SegmentWriter writer : writers.values()) {
                    writer.close();
                }
            }
            Map<TopicPartition, SnapshotManifest.Segment> segments = new LinkedHashMap<>();
            writers.forEach((tp, writer) -> segments.put(tp, writer.segment(tp.partition(), starts.get(tp), ends.get(tp))));
            return segments;
        }
    }

    private static Map<String, Map<String, Map<Integer, Long>>> groupOffsets(
            Admin admin, String groups, Map<TopicPartition, SnapshotManifest.Segment> segments)
            throws ExecutionException, InterruptedException {
        Pattern pattern = Pattern.compile(groups);
        List<String> ids = admin.listGroups(ListGroupsOptions.forConsumerGroups()).all().get().stream()
                .map(org.apache.kafka.clients.admin.GroupListing::groupId)
                .filter(id -> pattern.matcher(id).matches()).sorted().toList();
        Map<String, Map<String, Map<Integer, Long>>> result = new TreeMap<>();
        if (ids.isEmpty()) {
            return result;
        }
        Map<String, ListConsumerGroupOffsetsSpec> specs = ids.stream().collect(Collectors.toMap(id -> id, id -> new ListConsumerGroupOffsetsSpec()));
        for (Map.Entry<String, Map<TopicPartition, OffsetAndMetadata>> group : admin.listConsumerGroupOffsets(specs).all().get().entrySet()) {
            Map<String, Map<Integer, Long>> byTopic = new TreeMap<>();
            group.getValue().forEach((tp, offset) -> {
                SnapshotManifest.Segment segment = segments.get(tp);
                if (segment != null && offset != null) {
                    // the snapshot ends at its end offset: a group cannot be further in it
                    long clamped = Math.min(Math.max(offset.offset(), segment.startOffset()), segment.endOffset());
                    byTopic.computeIfAbsent(tp.topic(), ignored -> new TreeMap<>()).put(tp.partition(), clamped);
                }
            });
            if (!byTopic.isEmpty()) {
                result.put(group.getKey(), byTopic);
            }
        }
        return result;
    }

    /** The newest snapshot in the store. */
    public Optional<Path> latest() {
        if (!Files.isDirectory(store)) {
            return Optional.empty();
        }
        try (Stream<Path> dirs = Files.list(store)) {
            return dirs.filter(dir -> Files.isRegularFile(dir.resolve(MANIFEST)))
                    .max(Comparator.comparing(dir -> dir.getFileName().toString()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the backup storage " + store, e);
        }
    }

    /**
     * Checks a snapshot whole: the manifest against its digest, then every segment file's size,
     * SHA-256 and record count, every record parsed, offsets increasing inside their range.
     */
    public SnapshotManifest verify(Path snapshot) {
        byte[] manifestBytes = readFile(snapshot, MANIFEST);
        String expected = new String(readFile(snapshot, MANIFEST_DIGEST), StandardCharsets.US_ASCII).strip();
        String actual = sha256(manifestBytes);
        if (!actual.equals(expected)) {
            throw rejected(snapshot, MANIFEST + " has SHA-256 " + actual + " but " + MANIFEST_DIGEST + " says " + expected);
        }
        SnapshotManifest manifest;
        try {
            manifest = JSON.readValue(manifestBytes, SnapshotManifest.class);
        } catch (IOException e) {
            throw rejected(snapshot, MANIFEST + " cannot be read: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (!SnapshotManifest.FORMAT.equals(manifest.format())) {
            throw rejected(snapshot, "format '" + manifest.format() + "' is not " + SnapshotManifest.FORMAT);
        }
        verifyCoverage(snapshot, manifest);
        for (SnapshotManifest.TopicEntry topic : manifest.topics()) {
            for (SnapshotManifest.Segment segment : topic.segments()) {
                verifySegment(snapshot, segment);
            }
        }
        return manifest;
    }

    /** Records what a snapshot written by this store holds, for {@link #verify} to hold its manifest to. */
    void remember(Path snapshot, Map<String, Integer> partitionsByTopic) {
        written.put(snapshot.toAbsolutePath().normalize(), Map.copyOf(partitionsByTopic));
    }

    /**
     * Every partition of every topic has exactly one segment, the record total adds up, and,
     * for a snapshot this store wrote, the topics and partition counts are those it snapshotted:
     * a segment removed from the manifest (its digest recomputed) would otherwise restore part
     * of the data without a word.
     */
    private void verifyCoverage(Path snapshot, SnapshotManifest manifest) {
        Map<String, Integer> known = written.get(snapshot.toAbsolutePath().normalize());
        Map<String, Integer> listed = new TreeMap<>();
        manifest.topics().forEach(topic -> listed.put(topic.name(), topic.partitions()));
        if (known != null && !known.equals(listed)) {
            List<String> differences = new ArrayList<>();
            new TreeMap<>(known).forEach((topic, partitions) -> {
                if (!listed.containsKey(topic)) {
                    differences.add("topic " + topic + " is missing");
                } else if (!listed.get(topic).equals(partitions)) {
                    differences.add("topic " + topic + " has " + listed.get(topic) + " partitions, not " + partitions);
                }
            });
            listed.keySet().stream().filter(topic -> !known.containsKey(topic))
                    .forEach(topic -> differences.add("topic " + topic + " was not snapshotted"));
            throw rejected(snapshot, MANIFEST + " does not list what was snapshotted: " + String.join(", ", differences));
        }
        long total = 0;
        for (SnapshotManifest.TopicEntry topic : manifest.topics()) {
            Map<Integer, SnapshotManifest.Segment> byPartition = new TreeMap<>();
            for (SnapshotManifest.Segment segment : topic.segments()) {
                if (segment.partition() < 0 || segment.partition() >= topic.partitions()) {
                    throw rejected(snapshot, segment.file() + " is for partition " + segment.partition() + " of " + topic.name()
                            + ", which has partitions 0.." + (topic.partitions() - 1));
                }
                if (byPartition.put(segment.partition(), segment) != null) {
                    throw rejected(snapshot, MANIFEST + " lists partition " + topic.name() + "-" + segment.partition() + " twice");
                }
                total += segment.records();
            }
            for (int partition = 0; partition < topic.partitions(); partition++) {
                if (!byPartition.containsKey(partition)) {
                    throw rejected(snapshot, MANIFEST + " has no segment for partition " + topic.name() + "-" + partition
                            + " (the topic has " + topic.partitions() + " partitions)");
                }
            }
        }
        if (total != manifest.records()) {
            throw rejected(snapshot, MANIFEST + " counts " + manifest.records() + " records, its segments " + total);
        }
    }

    private void verifySegment(Path snapshot, SnapshotManifest.Segment segment) {
        Path file = snapshot.resolve(segment.file()).normalize();
        if (!file.startsWith(snapshot.normalize()) || !Files.isRegularFile(file)) {
            throw rejected(snapshot, segment.file() + " is missing");
        }
        try {
            long size = Files.size(file);
            if (size != segment.bytes()) {
                throw rejected(snapshot, segment.file() + " has " + size + " bytes, the manifest says " + segment.bytes()
                        + (size < segment.bytes() ? " (truncated)" : ""));
            }
            MessageDigest digest = sha256Digest();
            long records = 0;
            long previous = Long.MIN_VALUE;
            try (DataInputStream in = new DataInputStream(new BufferedInputStream(new DigestInputStream(Files.newInputStream(file), digest), 1 << 20))) {
                RecordSegment.readHeader(in, segment.file());
                for (RecordSegment.StoredRecord record = RecordSegment.read(in); record != null; record = RecordSegment.read(in)) {
                    if (record.offset() <= previous || record.offset() < segment.startOffset() || record.offset() >= segment.endOffset()) {
                        throw rejected(snapshot, segment.file() + " has offset " + record.offset() + " out of order or outside "
                                + segment.startOffset() + ".." + segment.endOffset());
                    }
                    previous = record.offset();
                    records++;
                }
            }
            String actual = HexFormat.of().formatHex(digest.digest());
            if (!actual.equals(segment.sha256())) {
                throw rejected(snapshot, segment.file() + " has SHA-256 " + actual + ", the manifest says " + segment.sha256());
            }
            if (records != segment.records()) {
                throw rejected(snapshot, segment.file() + " holds " + records + " records, the manifest says " + segment.records());
            }
        } catch (IOException e) {
            throw rejected(snapshot, segment.file() + " cannot be read: " + e.getMessage());
        }
    }

    /**
     * Replays a verified snapshot onto a rebuilt cluster: topics created with their partition
     * counts and configs (replication factor capped at the cluster's size), records written in
     * partition order with their timestamps, keys and headers (merged per the plan, oldest source
     * first), then the groups' offsets committed, translated to the restored offsets. Refused,
     * with nothing written, when the snapshot fails verification or a target topic exists.
     */
    public RestoreResult restore(Path snapshot, KafkaCluster target, RestorePlan plan) {
        long started = System.nanoTime();
        SnapshotManifest manifest = verify(snapshot);
        Map<String, SnapshotManifest.TopicEntry> byName = manifest.topics().stream()
                .collect(Collectors.toMap(SnapshotManifest.TopicEntry::name, t -> t));
        Map<String, List<String>> sources = plan.sourcesByTopic(byName.keySet());
        if (sources.isEmpty()) {
            throw rejected(snapshot, "it holds " + byName.keySet() + ", none of the topics to restore " + plan.topics());
        }
        try (Admin admin = KafkaClients.admin(target, "storage-restore", TIMEOUT)) {
            List<String> existing = admin.listTopics().names().get().stream().filter(sources::containsKey).sorted().toList();
            if (!existing.isEmpty()) {
                throw new ReplicationException("cannot restore onto " + target.name() + ": it already has " + existing
                        + "; a snapshot is restored onto a rebuilt, empty cluster");
            }
            int brokers = admin.describeCluster().nodes().get().size();
            List<NewTopic> newTopics = new ArrayList<>();
            sources.forEach((topic, from) -> {
                SnapshotManifest.TopicEntry first = byName.get(from.get(0));
                int partitions = from.stream().mapToInt(name -> byName.get(name).partitions()).max().orElseThrow();
                newTopics.add(new NewTopic(topic, partitions, (short) Math.min(first.replicationFactor(), brokers))
                        .configs(first.configs()));
            });
            admin.createTopics(newTopics).all().get();
            KafkaClients.awaitServed(admin, sources.keySet(), TIMEOUT);

            long copyStart = System.nanoTime();
            Map<String, Map<Integer, TreeMap<Long, Long>>> positions = requestedPositions(manifest, sources);
            long records = replay(snapshot, target, byName, sources, positions);
            long copyNanos = System.nanoTime() - copyStart;
            commitGroupOffsets(admin, manifest, byName, sources, positions);
            return RestoreResult.of("backup-storage", records, (System.nanoTime() - started) / 1_000_000, copyNanos / 1_000_000);
        } catch (ExecutionException e) {
            throw new ReplicationException("cannot restore " + snapshot.getFileName() + " onto " + target.name() + ": "
                    + KafkaAdmin.rootMessage(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReplicationException("interrupted while restoring onto " + target.name(), e);
        }
    }

    /**
     * Source offsets whose restored offset the group commits need, per source topic and partition
     * (each one's log start and end too); filled in with restored offsets during the replay.
     */
    private static Map<String, Map<Integer, TreeMap<Long, Long>>> requestedPositions(
            SnapshotManifest manifest, Map<String, List<String>> sources) {
        Map<String, Map<Integer, TreeMap<Long, Long>>> positions = new HashMap<>();
        sources.values().stream().flatMap(List::stream).forEach(source -> {
            for (SnapshotManifest.TopicEntry topic : manifest.topics()) {
                if (topic.name().equals(source)) {
                    for (SnapshotManifest.Segment segment : topic.segments()) {
                        TreeMap<Long, Long> wanted = positions.computeIfAbsent(source, k -> new HashMap<>())
                                .computeIfAbsent(segment.partition(), k -> new TreeMap<>());
                        wanted.put(segment.startOffset(), null);
                        wanted.put(segment.endOffset(), null);
                    }
                }
            }
        });
        manifest.groups().values().forEach(byTopic -> byTopic.forEach((topic, byPartition) -> byPartition.forEach((partition, offset) -> {
            Map<Integer, TreeMap<Long, Long>> topicPositions = positions.get(topic);
            if (topicPositions != null && topicPositions.containsKey(partition)) {
                topicPositions.get(partition).put(offset, null);
            }
        })));
        return positions;
    }

    private long replay(Path snapshot, KafkaCluster target, Map<String, SnapshotManifest.TopicEntry> byName,
                        Map<String, List<String>> sources, Map<String, Map<Integer, TreeMap<Long, Long>>> positions) {
        AtomicReference<Exception> failure = new AtomicReference<>();
        long records = 0;
        try (KafkaProducer<byte[], byte[]> producer = KafkaClients.restoreProducer(target, "storage-restore")) {
            for (Map.Entry<String, List<String>> topic : sources.entrySet()) {
                Map<Integer, Long> written = new HashMap<>();
                for (String source : topic.getValue()) {
                    for (SnapshotManifest.Segment segment : byName.get(source).segments()) {
                        long base = written.getOrDefault(segment.partition(), 0L);
                        TreeMap<Long, Long> wanted = positions.get(source).get(segment.partition());
                        long index = 0;
                        Path file = snapshot.resolve(segment.file());
                        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 20))) {
                            RecordSegment.readHeader(in, segment.file());
                            for (RecordSegment.StoredRecord record = RecordSegment.read(in); record != null; record = RecordSegment.read(in)) {
                                fill(wanted, record.offset(), base + index);
                                producer.send(new ProducerRecord<>(topic.getKey(), segment.partition(), record.timestamp(),
                                        record.key(), record.value(), record.headers()), (metadata, error) -> {
                                    if (error != null) {
                                        failure.compareAndSet(null, error);
                                    }
                                });
                                index++;
                            }
                        } catch (IOException e) {
                            throw new UncheckedIOException("cannot read " + file + " after it was verified", e);
                        }
                        fill(wanted, Long.MAX_VALUE, base + index);
                        written.put(segment.partition(), base + index);
                        records += index;
                    }
                }
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new ReplicationException("restoring onto " + target.name() + " failed: " + KafkaAdmin.rootMessage(failure.get()), failure.get());
        }
        return records;
    }

    /** Every requested source offset up to {@code offset} is at restored offset {@code position}. */
    private static void fill(TreeMap<Long, Long> wanted, long offset, long position) {
        for (Map.Entry<Long, Long> entry : wanted.headMap(offset, true).entrySet()) {
            if (entry.getValue() == null) {
                entry.setValue(position);
            }
        }
    }

    private static void commitGroupOffsets(Admin admin, SnapshotManifest manifest, Map<String, SnapshotManifest.TopicEntry> byName,
                                           Map<String, List<String>> sources, Map<String, Map<Integer, TreeMap<Long, Long>>> positions)
            throws ExecutionException, InterruptedException {
        for (Map.Entry<String, Map<String, Map<Integer, Long>>> group : manifest.groups().entrySet()) {
            Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
            for (Map.Entry<String, List<String>> topic : sources.entrySet()) {
                if (topic.getValue().stream().noneMatch(group.getValue()::containsKey)) {
                    continue; // the group never read this topic
                }
                int partitions = topic.getValue().stream().mapToInt(name -> byName.get(name).partitions()).max().orElse(0);
                for (int partition = 0; partition < partitions; partition++) {
                    List<RestorePlan.SourceCursor> cursors = new ArrayList<>();
                    for (String source : topic.getValue()) {
                        TreeMap<Long, Long> known = positions.get(source).get(partition);
                        if (known == null) {
                            continue;
                        }
                        Long committed = group.getValue().getOrDefault(source, Map.of()).get(partition);
                        cursors.add(new RestorePlan.SourceCursor(committed, known.firstKey(), known.lastKey(),
                                offset -> known.get(offset) == null ? OptionalLong.empty() : OptionalLong.of(known.get(offset))));
                    }
                    TopicPartition restored = new TopicPartition(topic.getKey(), partition);
                    RestorePlan.resumePosition(cursors).ifPresent(position -> commits.put(restored, new OffsetAndMetadata(position)));
                }
            }
            if (!commits.isEmpty()) {
                admin.alterConsumerGroupOffsets(group.getKey(), commits).all().get();
            }
        }
    }

    private static SnapshotRejectedException rejected(Path snapshot, String why) {
        return new SnapshotRejectedException("snapshot " + snapshot + " is refused, nothing was restored: " + why);
    }

    private static byte[] readFile(Path snapshot, String name) {
        Path file = snapshot.resolve(name);
        if (!Files.isRegularFile(file)) {
            throw rejected(snapshot, name + " is missing");
        }
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw rejected(snapshot, name + " cannot be read: " + e.getMessage());
        }
    }

    static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(sha256Digest().digest(bytes));
    }

    private static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }

    /** Writes one segment file, counting its records and bytes and hashing it on the way. */
    private static final class SegmentWriter implements AutoCloseable {
        private final String file;
        private final Path path;
        private final MessageDigest digest = sha256Digest();
        private final DataOutputStream out;
        private long records;
        private String sha256;

        SegmentWriter(Path path, String file) throws IOException {
            this.path = path;
            this.file = file;
            Files.createDirectories(path.getParent());
            OutputStream raw = Files.newOutputStream(path);
            this.out = new DataOutputStream(new BufferedOutputStream(new DigestOutputStream(raw, digest), 1 << 20));
            RecordSegment.writeHeader(out);
        }

        void write(RecordSegment.StoredRecord record) throws IOException {
            RecordSegment.write(out, record);
            records++;
        }

        @Override
        public void close() throws IOException {
            if (sha256 == null) {
                out.close();
                sha256 = HexFormat.of().formatHex(digest.digest());
            }
        }

        SnapshotManifest.Segment segment(int partition, long start, long end) {
            try {
                return new SnapshotManifest.Segment(partition, file, records, Files.size(path), sha256, start, end);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot size " + path, e);
            }
        }
    }
}
