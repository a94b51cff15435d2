package io.firedrill.replication;

import io.firedrill.cluster.KafkaCluster;
import io.firedrill.verify.CheckReport;
import io.firedrill.verify.Checker;
import io.firedrill.verify.ClusterContentsReader;
import io.firedrill.verify.ClusterId;
import io.firedrill.verify.GroupLedger;
import io.firedrill.verify.Ledger;
import io.firedrill.verify.ProducerLedger;
import io.firedrill.verify.RecordFormat;
import io.firedrill.verify.StoredRecords;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * MirrorMaker 2 SIGKILLed mid-flow under transactional traffic (every fourth transaction
 * aborted), at-least-once (Kafka's default) against exactly-once (KIP-618), on Kafka's default
 * MirrorMaker settings: afterwards a fresh read_committed consumer group reads the backup's copy
 * from its start, and the checker judges what it processed against the ledger.
 *
 * <p>At-least-once: the killed MirrorMaker had not flushed its source offsets (every 60 s by
 * default), so its successor copies everything again: each record is stored twice and processed
 * twice; and its source consumer reads read_uncommitted, so aborted records arrive as plain ones
 * that the read_committed group processes (aborted reads). Exactly-once: none of either.
 */
class ExactlyOnceReplicationIT extends ClusterPair {

    private static final Duration CATCH_UP = Duration.ofSeconds(90);
    private static final int RECORDS_PER_TRANSACTION = 10;

    @Test
    void exactlyOnceMirrorMakerKilledMidFlowLeavesNoDuplicateAndNoAbortedRecordOnTheBackup() throws Exception {
        CheckReport report = killMirrorMakerMidFlow("eos-orders", true);

        assertThat(report.storageDuplicates()).as("records stored twice on the backup").isZero();
        assertThat(report.consumerDuplicates()).as("records the backup's read_committed group processed twice").isZero();
        assertThat(report.sameClusterDuplicates()).isZero();
        assertThat(report.abortedReads()).isZero();
        assertThat(report.transactions().abortedStored()).isZero();
        assertThat(report.transactions().split()).isZero();
        assertThat(report.lost().count()).isZero();
        assertThat(report.skipped()).isZero();
        assertThat(report.anomalies()).isEmpty();
    }

    @Test
    void atLeastOnceMirrorMakerKilledMidFlowCopiesAgainAndCopiesAbortedRecordsAndTheCheckerCountsBoth() throws Exception {
        CheckReport report = killMirrorMakerMidFlow("alo-orders", false);

        assertThat(report.storageDuplicates()).as("records stored twice on the backup").isPositive();
        assertThat(report.consumerDuplicates()).as("a group reading the whole copy processes each re-copied record twice")
                .isEqualTo(report.storageDuplicates()).isEqualTo(report.sameClusterDuplicates());
        assertThat(report.transactions().abortedStored()).as("aborted records copied as plain records").isPositive();
        assertThat(report.abortedReads()).isEqualTo(report.transactions().abortedStored());
        assertThat(report.lost().count()).isZero();
        assertThat(report.transactions().split()).isZero();
    }

    /**
     * Transactional traffic on the primary, MirrorMaker (Kafka's defaults, {@code exactlyOnce} or not)
     * copying it, a SIGKILL and a restart mid-flow, then the traffic stops, everything committed
     * reaches the backup and a read_committed group reads the backup's copy from its start.
     */
    private CheckReport killMirrorMakerMidFlow(String topic, boolean exactlyOnce) throws Exception {
        TopicData.create(primary, topic, 3, Map.of());
        Ledger ledger = Ledger.create();
        ClusterId onPrimary = ledger.cluster("primary");
        ClusterId onBackup = ledger.cluster("backup");
        ProducerLedger sends = ledger.registerProducer(topic + "-producer", topic, 30);
        GroupLedger group = ledger.registerGroup(topic + "-readers", List.of(topic));
        MirrorMakerBase base = new MirrorMakerBase(MirrorMakerBase.KAFKA_DEFAULTS, Map.of(), null, List.of(), exactlyOnce);
        try (MirrorMaker mirrorMaker = MirrorMaker.start(flow(topic).withBase(base));
             TransactionalWriter writer = new TransactionalWriter(primary, ledger, sends, onPrimary, topic)) {
            writer.start();
            await("records on the backup").atMost(CATCH_UP).until(() -> backupEnd(topic) >= 300);
            mirrorMaker.kill();
            Thread.sleep(1_000);
            mirrorMaker.start();
            Thread.sleep(2_000);
            writer.stop();
            System.out.printf("%s: %d transactions committed, %d aborted%n", topic, writer.committed, writer.aborted);
            // everything committed on the primary reaches the backup (an exactly-once MirrorMaker's
            // successor waits for the killed one's transaction to time out on the backup first)
            await("every committed record on the backup").atMost(CATCH_UP).pollInterval(Duration.ofSeconds(1))
                    .until(() -> check(ledger, topic).lost().count() == 0);
        }
        readFromTheStart(group, onBackup, topic);
        CheckReport report = check(ledger, topic);
        System.out.printf("%s (%s): %d stored records, %d stored twice, %d processed twice, %d aborted reads, %d aborted stored%n",
                topic, exactlyOnce ? "exactly-once" : "at-least-once", report.storedRecords(), report.storageDuplicates(),
                report.consumerDuplicates(), report.abortedReads(), report.transactions().abortedStored());
        return report;
    }

    private CheckReport check(Ledger ledger, String topic) {
        StoredRecords stored = new StoredRecords(ledger, "backup");
        ClusterContentsReader.readAll(clientConfig(backup), List.of(topic), stored, Duration.ofSeconds(30));
        return Checker.check(ledger, stored);
    }

    /** A new read_committed consumer group on the backup reads the topic from its start to the committed end. */
    private void readFromTheStart(GroupLedger group, ClusterId cluster, String topic) {
        Map<String, Object> config = clientConfig(backup);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group.groupId());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            Set<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).collect(Collectors.toSet());
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            await("the group at the backup's committed end").atMost(CATCH_UP).until(() -> {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    group.deliver(cluster, topic, record.partition(), record.offset(), record.key(), record.value(),
                            System.currentTimeMillis());
                }
                return !consumer.assignment().isEmpty() && partitions.stream().allMatch(tp -> consumer.position(tp) >= ends.get(tp));
            });
        }
    }

    private long backupEnd(String topic) {
        return TopicData.values(backup, topic).size();
    }

    private static Map<String, Object> clientConfig(KafkaCluster cluster) {
        Map<String, Object> config = new HashMap<>(cluster.clientProperties());
        config.put("bootstrap.servers", cluster.bootstrapServers());
        return config;
    }

    /**
     * Ledgered transactions of {@value #RECORDS_PER_TRANSACTION} records every 50 ms, every
     * fourth aborted on purpose, so the ledger knows exactly which records must never be read.
     */
    private static final class TransactionalWriter implements AutoCloseable {
        private final ProducerLedger sends;
        private final ClusterId cluster;
        private final String topic;
        private final KafkaProducer<byte[], byte[]> producer;
        private final RecordFormat.Encoder encoder;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread = new Thread(this::run, "transactional-writer");
        private volatile RuntimeException failure;
        int committed;
        int aborted;

        TransactionalWriter(KafkaCluster primary, Ledger ledger, ProducerLedger sends, ClusterId cluster, String topic) {
            this.sends = sends;
            this.cluster = cluster;
            this.topic = topic;
            this.encoder = new RecordFormat.Encoder(ledger.runId(), sends.id(), sends.keys(), 128);
            Map<String, Object> config = clientConfig(primary);
            config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, topic + "-writer");
            this.producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
        }

        void start() {
            producer.initTransactions();
            thread.start();
        }

        private void run() {
            try {
                for (int transaction = 0; running.get(); transaction++) {
                    producer.beginTransaction();
                    int from = sends.sent();
                    for (int i = 0; i < RECORDS_PER_TRANSACTION; i++) {
                        long now = System.currentTimeMillis();
                        int seq = sends.beginSend(now);
                        int key = sends.keyOf(seq);
                        producer.send(new ProducerRecord<>(topic, null, now, encoder.key(key), encoder.value(seq, key, now)),
                                (metadata, error) -> {
                                    if (error == null) {
                                        sends.appended(seq, cluster, metadata.partition(), metadata.offset());
                                    }
                                });
                    }
                    producer.flush();
                    if (transaction % 4 == 3) {
                        producer.abortTransaction();
                        sends.aborted(from, sends.sent());
                        aborted++;
                    } else {
                        producer.commitTransaction();
                        sends.committed(from, sends.sent(), cluster, System.currentTimeMillis());
                        committed++;
                    }
                    Thread.sleep(50);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                failure = e;
            }
        }

        void stop() throws InterruptedException {
            running.set(false);
            thread.join(30_000);
            if (failure != null) {
                throw new AssertionError("the transactional writer failed", failure);
            }
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join(30_000);
            producer.close(Duration.ofSeconds(5));
        }
    }
}
