package io.firedrill.replication;

import io.firedrill.support.KafkaAdmin;
import io.firedrill.cluster.KafkaCluster;
import io.firedrill.process.RunDirectory;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.awaitility.Awaitility.await;

/**
 * The measured report of the replication package: each figure is the median of a few runs in
 * one session on real clusters, written to {@code reports/bench/replication.md}. Not part of the
 * build (its name matches neither *Test nor *IT); run it with
 * {@code mvn -o verify -Dit.test=ReplicationBenchmark -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class ReplicationBenchmark extends ClusterPair {

    private static final int RUNS = Integer.getInteger("firedrill.bench.runs", 3);
    private static final Duration STEP = Duration.ofSeconds(90);

    private final Map<String, List<Double>> figures = new LinkedHashMap<>();
    private final Map<String, String> units = new LinkedHashMap<>();
    private final Map<String, String> targets = new LinkedHashMap<>();
    private int topicSeq;

    @AfterAll
    void report() throws IOException {
        StringBuilder md = new StringBuilder("# Replication measurements\n\n")
                .append("Medians of ").append(RUNS).append(" runs in one session, 1-broker clusters as child JVMs, MirrorMaker 2 4.3.1 ")
                .append("as its own process; machine load average at the end: ")
                .append(String.format("%.1f", java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()))
                .append(" on ").append(Runtime.getRuntime().availableProcessors()).append(" cores.\n\n")
                .append("| figure | median | runs | target |\n|---|---|---|---|\n");
        figures.forEach((name, values) -> md.append("| ").append(name).append(" | ")
                .append(String.format("%.0f %s", median(values), units.get(name))).append(" | ")
                .append(values.stream().map(v -> String.format("%.0f", v)).toList()).append(" | ")
                .append(targets.getOrDefault(name, "")).append(" |\n"));
        System.out.println(md);
        Path out = Path.of(System.getProperty("firedrill.reports", "reports"), "bench", "replication.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, md);
    }

    private void record(String figure, double value, String unit, String target) {
        figures.computeIfAbsent(figure, k -> new ArrayList<>()).add(value);
        units.put(figure, unit);
        targets.put(figure, target);
        System.out.printf("  %s: %.1f %s%n", figure, value, unit);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    @Override
    ReplicationFlow flow(String topics) {
        ReplicationFlow flow = super.flow(topics);
        String override = System.getProperty("firedrill.bench.override", "");
        for (String entry : override.isBlank() ? new String[0] : override.split(";")) {
            flow = flow.withOverride(entry.substring(0, entry.indexOf('=')), entry.substring(entry.indexOf('=') + 1));
        }
        return flow;
    }

    private String topic(String prefix) {
        return prefix + "-" + (++topicSeq);
    }

    /** Which parts to run: {@code -Dfiredrill.bench.sections=start,latency,failover,restore} (default all). */
    private static boolean section(String name) {
        String sections = System.getProperty("firedrill.bench.sections", "start,latency,failover,restore");
        return List.of(sections.split(",")).contains(name);
    }

    @Test
    void measure() throws Exception {
        for (int run = 0; run < RUNS && section("start"); run++) {
            startToFirstRecordAndStopWithDeadPrimary();
        }
        if (section("latency")) {
            replicationLatencyAt2000PerSecond();
        }
        for (int run = 0; run < RUNS && section("failover"); run++) {
            detectionAndFailover();
        }
        for (int run = 0; run < RUNS && section("restore"); run++) {
            restoreThroughput(100_000);
        }
    }

    /** MirrorMaker start to the first record on the backup; then the primary dies and MirrorMaker is stopped. */
    private void startToFirstRecordAndStopWithDeadPrimary() {
        String topic = topic("first");
        TopicData.create(primary, topic, 3, Map.of());
        try (AckedProducer producer = new AckedProducer("first").target(primary.bootstrapServers(), topic)) {
            producer.send(100);
        }
        long started = System.nanoTime();
        try (MirrorMaker mirrorMaker = MirrorMaker.start(flow(topic));
             Admin admin = TopicData.admin(backup)) {
            long ready = System.nanoTime();
            await().atMost(STEP).pollInterval(Duration.ofMillis(10)).until(() -> admin.listTopics().names().get().contains(topic)
                    && admin.listOffsets(Map.of(new TopicPartition(topic, 0), OffsetSpec.latest(),
                            new TopicPartition(topic, 1), OffsetSpec.latest(), new TopicPartition(topic, 2), OffsetSpec.latest()))
                    .all().get().values().stream().anyMatch(info -> info.offset() > 0));
            record("MirrorMaker start -> first record on backup", (System.nanoTime() - started) / 1e6, "ms", "<= 3000 ms");
            record("MirrorMaker start -> worker ready (process start, herder, connectors)", (ready - started) / 1e6, "ms", "");

            primary.killAll();
            await().pollDelay(Duration.ofSeconds(1)).until(() -> true); // its clients now see the primary gone
            long stopping = System.nanoTime();
            mirrorMaker.stop();
            record("MirrorMaker stop with a dead primary", (System.nanoTime() - stopping) / 1e6, "ms", "<= 2000 ms");
        } finally {
            primary.rebuildEmpty();
        }
    }

    /** End-to-end replication latency per record at 2,000 records/s: on the backup, receive time minus CreateTime. */
    private void replicationLatencyAt2000PerSecond() throws Exception {
        String topic = topic("lag");
        TopicData.create(primary, topic, 3, Map.of());
        try (MirrorMaker mirrorMaker = MirrorMaker.start(flow(topic));
             ReplicationMonitor monitor = ReplicationMonitor.watch(mirrorMaker, primary, backup);
             AckedProducer producer = new AckedProducer("lag").target(primary.bootstrapServers(), topic)) {
            producer.send(10);
            monitor.awaitCaughtUp(STEP);
            for (int run = 0; run < RUNS; run++) {
                Histogram backupLatency = new Histogram(60_000, 3);
                Histogram primaryLatency = new Histogram(60_000, 3);
                AtomicBoolean measuring = new AtomicBoolean(false);
                AtomicBoolean running = new AtomicBoolean(true);
                Thread onBackup = tail(backup, topic, backupLatency, measuring, running);
                Thread onPrimary = tail(primary, topic, primaryLatency, measuring, running);
                producer.start(2000);
                await().pollDelay(Duration.ofSeconds(3)).until(() -> true); // warm-up
                measuring.set(true);
                List<Long> lagSamples = new ArrayList<>();
                long end = System.nanoTime() + Duration.ofSeconds(15).toNanos();
                while (System.nanoTime() < end) { // a drill's sampling rate: the monitor must not load the machine it measures
                    ReplicationSnapshot snapshot = monitor.sample();
                    if (snapshot.lagRecords() != null) {
                        lagSamples.add(snapshot.lagRecords());
                    }
                    java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
                }
                measuring.set(false);
                producer.stop();
                running.set(false);
                onBackup.join();
                onPrimary.join();
                record("replication latency p50 at 2,000 records/s (backup receive - CreateTime)", backupLatency.getValueAtPercentile(50), "ms", "");
                record("replication latency p99 at 2,000 records/s", backupLatency.getValueAtPercentile(99), "ms", "<= 50 ms");
                record("same on the primary itself (produce -> consume, no replication) p50", primaryLatency.getValueAtPercentile(50), "ms", "");
                record("same on the primary itself (produce -> consume, no replication) p99", primaryLatency.getValueAtPercentile(99), "ms", "");
                record("record lag seen by the monitor, median of samples", median(lagSamples.stream().map(Long::doubleValue).toList()), "records", "");
                System.out.printf("    %d records measured on the backup%n", backupLatency.getTotalCount());
            }
        } finally {
            primary.rebuildEmpty();
        }
    }

    private static Thread tail(KafkaCluster cluster, String topic, Histogram latency, AtomicBoolean measuring, AtomicBoolean running) {
        Thread thread = new Thread(() -> {
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                    ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100), new StringDeserializer(), new StringDeserializer())) {
                List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                        .map(info -> new TopicPartition(topic, info.partition())).toList();
                consumer.assign(partitions);
                consumer.seekToEnd(partitions);
                while (running.get()) {
                    for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                        if (measuring.get()) {
                            latency.recordValue(Math.max(0, System.currentTimeMillis() - record.timestamp()));
                        }
                    }
                }
            }
        }, "latency-tail-" + cluster.name());
        thread.start();
        return thread;
    }

    /** Whole-primary SIGKILL under traffic: detection, failover, first record consumed on the backup, re-reads. */
    private void detectionAndFailover() throws Exception {
        String topic = topic("failover");
        String group = topic + "-billing";
        TopicData.create(primary, topic, 3, Map.of());
        ReplicationFlow flow = flow(topic + "|" + group);
        try (MirrorMaker forward = MirrorMaker.start(flow);
             ReplicationMonitor monitor = ReplicationMonitor.watch(forward, primary, backup).startSampling(Duration.ofMillis(500));
             DisasterDetector detector = DisasterDetector.forPrimary(primary.bootstrapServers(), Map.of());
             AckedProducer producer = new AckedProducer("failover").target(primary.bootstrapServers(), topic);
             GroupReader onPrimary = new GroupReader(group);
             GroupReader onBackup = new GroupReader(group)) {
            producer.start(500);
            onPrimary.start(primary.bootstrapServers(), List.of(topic));
            monitor.awaitHealthy(STEP);
            await().atMost(STEP).until(() -> monitor.checkpoints().offsets(group).size() == 3);
            await().pollDelay(Duration.ofSeconds(3)).until(() -> true);

            long killed = System.currentTimeMillis();
            primary.killAll();
            DisasterDetector.Disaster disaster = detector.awaitDisaster(Duration.ofSeconds(30));
            long detected = disaster.declaredAt().toEpochMilli();
            FailoverResult failover = Failover.run(forward, monitor, List.of(topic), List.of(group),
                        ResumeSources.MIRRORMAKER_AND_OBSERVED);
            onBackup.start(backup.bootstrapServers(), failover.routes().get(0).consumeFrom());
            await().atMost(STEP).pollInterval(Duration.ofMillis(5)).until(() -> onBackup.count() > 0);
            long consuming = System.currentTimeMillis();
            onPrimary.abandon();
            producer.stop();
            long toRead;
            try (Admin admin = TopicData.admin(backup)) {
                Map<TopicPartition, ResumeOffset> resume = failover.groups().get(0).offsets();
                toRead = KafkaAdmin.endOffsets(admin, resume.keySet())
                        .entrySet().stream().mapToLong(end -> end.getValue() - resume.get(end.getKey()).offset()).sum();
            }
            await().atMost(STEP).until(() -> onBackup.count() >= toRead);
            onBackup.stop();
            Set<String> readOnPrimary = new HashSet<>(onPrimary.values());
            long rereads = onBackup.values().stream().filter(readOnPrimary::contains).count();

            record("detection: primary SIGKILL -> declared lost (3 s window)", detected - killed, "ms", "");
            record("failover: detection -> group offsets committed on backup", failover.offsetsMs(), "ms", "");
            record("failover: detection -> first record consumed on backup", consuming - detected, "ms", "<= 500 ms");
            record("consumer re-reads at failover (500 records/s)", rereads * 1000.0 / 500, "ms of traffic", "<= 1000 ms");
            record("translation gap reported (vs last seen committed offsets)", failover.translationGapRecords() == null ? -1
                    : failover.translationGapRecords(), "records", "");
        } finally {
            primary.rebuildEmpty();
        }
    }

    /** Restore of {@code records} records both ways onto the rebuilt primary. */
    private void restoreThroughput(int records) throws Exception {
        String topic = topic("restore");
        TopicData.create(backup, topic, 3, Map.of());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                backup.bootstrapServers(), ProducerConfig.LINGER_MS_CONFIG, 20, ProducerConfig.BATCH_SIZE_CONFIG, 262144),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            byte[] value = new byte[256];
            for (int i = 0; i < records; i++) {
                producer.send(new ProducerRecord<>(topic, ("k" + i % 100).getBytes(), value));
            }
        }
        RestorePlan plan = new RestorePlan("primary", ReplicationPolicyKind.IDENTITY, List.of(topic));
        try (ReverseReplication restore = ReverseReplication.restore(plan, ReplicationEndpoint.of("backup", backup.bootstrapServers()),
                ReplicationEndpoint.of("primary", primary.bootstrapServers()), 1, backup, primary, STEP)) {
            RestoreResult result = restore.result();
            record("restore from backup (reverse MirrorMaker), copy throughput, 100k x 256 B", result.recordsPerSecond(), "records/s", ">= 40000");
            record("restore from backup, total incl. MirrorMaker start", result.ms(), "ms", "");
        }
        primary.rebuildEmpty();
        Path store = RunDirectory.resolve("replication-benchmark/store");
        try {
            BackupStorage storage = new BackupStorage(store);
            BackupStorage.Snapshot snapshot = storage.snapshot(backup, List.of(topic), "none");
            record("snapshot to backup storage, 100k x 256 B", snapshot.records() * 1000.0 / Math.max(1, snapshot.ms()), "records/s", "");
            RestoreResult result = storage.restore(snapshot.directory(), primary, plan);
            record("restore from backup storage, copy throughput", result.recordsPerSecond(), "records/s", ">= 40000");
            record("restore from backup storage, total incl. verification", result.ms(), "ms", "");
        } finally {
            RunDirectory.deleteRecursively(store.getParent());
            primary.rebuildEmpty();
        }
    }
}
