package io.firedrill.replication;

import io.firedrill.cluster.KafkaCluster;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.awaitility.Awaitility.await;

/**
 * What exactly-once MirrorMaker 2 costs, both modes in one run on the same two clusters:
 * replication latency at a steady 1,000 records/s (a read_committed reader on the backup: receive
 * time minus CreateTime, so an exactly-once record counts from when MirrorMaker's transaction made
 * it visible) and the copy rate of a 100k-record backlog, which is what a restore by MirrorMaker
 * does, from the first record visible on the backup to the last (MirrorMaker's start excluded). The
 * modes run in the order at-least-once, exactly-once, exactly-once, at-least-once, so a neighbour's
 * load on shared cores or the brokers' warm-up lands on both sides. Not part of the build (not an
 * *IT): run it with
 * {@code mvn -B -o verify -Dit.test=ExactlyOnceCostBenchmark -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class ExactlyOnceCostBenchmark extends ClusterPair {

    private static final Duration STEP = Duration.ofSeconds(120);
    private static final int BACKLOG = 100_000;

    @Test
    void latencyAndBacklogCopyWithExactlyOnceOffAndOn() throws Exception {
        StringBuilder table = new StringBuilder("| round | MirrorMaker 2 | latency p50 | latency p99 | backlog copy, 100k x 256 B |\n"
                + "|---|---|---:|---:|---:|\n");
        int round = 0;
        for (boolean exactlyOnce : List.of(false, true, true, false)) {
            round++;
            String mode = exactlyOnce ? "exactly-once" : "at-least-once";
            Histogram latency = latency("lag-" + round, exactlyOnce);
            double copyRate = backlogCopy("backlog-" + round, exactlyOnce);
            table.append(String.format(java.util.Locale.ROOT, "| %d | %s | %d ms | %d ms | %,.0f records/s |%n", round, mode,
                    latency.getValueAtPercentile(50), latency.getValueAtPercentile(99), copyRate));
        }
        System.out.println(table);
    }

    private ReplicationFlow flow(String topic, boolean exactlyOnce) {
        return flow(topic).withBase(new MirrorMakerBase(MirrorMakerBase.FIREDRILL_TUNED, Map.of(), null, List.of(), exactlyOnce));
    }

    private Histogram latency(String topic, boolean exactlyOnce) throws Exception {
        TopicData.create(primary, topic, 3, Map.of());
        Histogram latency = new Histogram(60_000, 3);
        try (MirrorMaker mirrorMaker = MirrorMaker.start(flow(topic, exactlyOnce));
             AckedProducer producer = new AckedProducer(topic).target(primary.bootstrapServers(), topic)) {
            producer.send(10);
            await().atMost(STEP).until(() -> TopicData.values(backup, topic).size() >= 10);
            AtomicBoolean measuring = new AtomicBoolean(false);
            AtomicBoolean running = new AtomicBoolean(true);
            Thread tail = new Thread(() -> tail(backup, topic, latency, measuring, running), "latency-tail");
            tail.start();
            producer.start(1000);
            Thread.sleep(3_000); // warm-up
            measuring.set(true);
            Thread.sleep(15_000);
            measuring.set(false);
            producer.stop();
            running.set(false);
            tail.join();
        }
        return latency;
    }

    private static void tail(KafkaCluster cluster, String topic, Histogram latency, AtomicBoolean measuring, AtomicBoolean running) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString(),
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            while (running.get()) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    if (measuring.get()) {
                        latency.recordValue(Math.max(0, System.currentTimeMillis() - record.timestamp()));
                    }
                }
            }
        }
    }

    /** Records/s from MirrorMaker's start until a read_committed reader on the backup sees the whole backlog. */
    private double backlogCopy(String topic, boolean exactlyOnce) throws Exception {
        TopicData.create(primary, topic, 3, Map.of());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                primary.bootstrapServers(), ProducerConfig.LINGER_MS_CONFIG, 20, ProducerConfig.BATCH_SIZE_CONFIG, 262144),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            byte[] value = new byte[256];
            for (int i = 0; i < BACKLOG; i++) {
                producer.send(new ProducerRecord<>(topic, ("k" + i % 100).getBytes(), value));
            }
        }
        long started = 0;
        try (MirrorMaker mirrorMaker = MirrorMaker.start(flow(topic, exactlyOnce), MirrorMaker.Workload.BULK_COPY);
             KafkaConsumer<byte[], byte[]> reader = new KafkaConsumer<>(Map.of(
                     ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, backup.bootstrapServers(),
                     ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString()),
                     new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            await("the backlog's topic on the backup").atMost(STEP).until(() -> reader.listTopics().containsKey(topic));
            reader.assign(Set.of(new TopicPartition(topic, 0), new TopicPartition(topic, 1), new TopicPartition(topic, 2)));
            reader.seekToBeginning(reader.assignment());
            // counted as a read_committed reader sees them (end offsets would count exactly-once's transaction markers)
            long seen = 0;
            long deadline = System.nanoTime() + STEP.toNanos();
            while (seen < BACKLOG && System.nanoTime() < deadline) {
                int count = reader.poll(Duration.ofMillis(200)).count();
                if (count > 0 && seen == 0) {
                    started = System.nanoTime();
                }
                seen += count;
            }
            if (seen < BACKLOG) {
                throw new AssertionError(seen + " of " + BACKLOG + " records on the backup after " + STEP);
            }
        }
        return BACKLOG * 1e9 / (System.nanoTime() - started);
    }
}
