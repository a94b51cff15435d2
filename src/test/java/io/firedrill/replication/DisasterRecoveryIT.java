package io.firedrill.replication;

import io.firedrill.cluster.ClusterSpec;
import io.firedrill.cluster.KafkaCluster;
import io.firedrill.cluster.process.ProcessClusterBackend;
import io.firedrill.process.ChildProcesses;
import io.firedrill.process.RunDirectory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole disaster-recovery sequence on real clusters: the primary is SIGKILLed whole under
 * traffic, the detector declares it lost, consumer groups fail over to the backup at translated
 * offsets, producers carry on there, the primary is rebuilt empty and restored (from the backup
 * by reverse replication, or from backup storage), and clients fail back. Every acknowledged
 * record is then on the restored primary, except the few acknowledged in the last instant before
 * the kill that MirrorMaker had not copied yet (the RPO), which the test names and bounds.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DisasterRecoveryIT {

    private static final Duration STEP = Duration.ofSeconds(90);

    private KafkaCluster primary;
    private KafkaCluster backup;

    @BeforeAll
    void startClusters() {
        var backend = new ProcessClusterBackend();
        CompletableFuture<KafkaCluster> primaryStart = CompletableFuture.supplyAsync(() -> backend.start(ClusterSpec.of("primary", 1)));
        CompletableFuture<KafkaCluster> backupStart = CompletableFuture.supplyAsync(() -> backend.start(ClusterSpec.of("backup", 1)));
        primary = primaryStart.join();
        backup = backupStart.join();
    }

    @AfterAll
    void stopClusters() {
        if (primary != null) {
            primary.close();
        }
        if (backup != null) {
            backup.close();
        }
        assertThat(ChildProcesses.live()).as("child processes left behind").isEmpty();
    }

    private ReplicationFlow forwardFlow(String topics, ReplicationPolicyKind policy) {
        return ReplicationFlow.between(ClusterEndpoint.of("primary", primary.bootstrapServers()),
                ClusterEndpoint.of("backup", backup.bootstrapServers())).withTopics(topics).withGroups(topics).withPolicy(policy);
    }

    /** What happened before and at the disaster. */
    private record Disaster(long killedAtMs, DisasterDetector.Disaster detected, FailoverResult failover, long firstConsumedOnBackupMs) {}

    /**
     * Runs traffic on the primary with replication, SIGKILLs the primary, waits for detection,
     * fails over and moves producers and the group to the backup.
     */
    private Disaster primaryLostAndFailedOver(ReplicationFlow flow, MirrorMaker forward, ReplicationMonitor monitor,
                                              String topic, AckedProducer producer, GroupReader onPrimary, GroupReader onBackup) {
        try (DisasterDetector detector = DisasterDetector.forPrimary(primary.bootstrapServers(), Map.of()).start()) {
            producer.target(primary.bootstrapServers(), topic).start(500);
            onPrimary.start(primary.bootstrapServers(), List.of(topic));
            monitor.awaitHealthy(STEP);
            await().pollDelay(Duration.ofSeconds(4)).until(() -> true);
            assertThat(detector.disaster()).as("no disaster declared on a healthy primary under load").isEmpty();
            assertThat(detector.reachable()).isTrue();

            long killedAt = System.currentTimeMillis();
            primary.killAll();
            DisasterDetector.Disaster detected = detector.awaitDisaster(Duration.ofSeconds(30));
            long detectedMs = detected.declaredAt().toEpochMilli() - killedAt;
            assertThat(detected.detectionTime()).as("declared only after the whole window").isGreaterThanOrEqualTo(DisasterDetector.DEFAULT_WINDOW);

            FailoverResult failover = Failover.run(forward, monitor, List.of(topic), List.of(onPrimary.group()));
            long groupsMovedAt = System.currentTimeMillis();
            ClientRoute route = failover.routes().get(0);
            onBackup.start(backup.bootstrapServers(), route.consumeFrom());
            await("the group consumes on the backup").atMost(STEP).until(() -> onBackup.count() > 0);
            long firstConsumed = System.currentTimeMillis();
            System.out.printf("%s: detected %d ms after the kill (first failed contact %+d ms); offsets committed on the backup"
                            + " %d ms after detection (fence %d ms); first record consumed there %d ms after detection;"
                            + " translation gap %s records%n",
                    flow.policy(), detectedMs, detected.firstFailedContact().toEpochMilli() - killedAt,
                    groupsMovedAt - detected.declaredAt().toEpochMilli(), failover.fenceMs(),
                    firstConsumed - detected.declaredAt().toEpochMilli(), failover.translationGapRecords());

            onPrimary.abandon();
            producer.stop(); // what the dead primary never acknowledged counts as failed, not acked
            producer.target(backup.bootstrapServers(), route.produceTo()).start(500);
            await().pollDelay(Duration.ofSeconds(3)).until(() -> true);
            return new Disaster(killedAt, detected, failover, firstConsumed);
        }
    }

    @Test
    @Order(1)
    void identityPolicyPrimaryLostRestoredFromTheBackupAndFailedBack() {
        String topic = "dr-orders";
        TopicData.create(primary, topic, 3, Map.of());
        ReplicationFlow flow = forwardFlow("dr-.*", ReplicationPolicyKind.IDENTITY);
        try (MirrorMaker forward = MirrorMaker.start(flow);
             AckedProducer producer = new AckedProducer("dr");
             ReplicationMonitor monitor = ReplicationMonitor.watch(forward, primary, backup).startSampling(Duration.ofMillis(500));
             GroupReader onPrimary = new GroupReader("dr-billing");
             GroupReader onBackup = new GroupReader("dr-billing");
             GroupReader afterFailback = new GroupReader("dr-billing")) {
            Disaster disaster = primaryLostAndFailedOver(flow, forward, monitor, topic, producer, onPrimary, onBackup);

            primary.rebuildEmpty();
            FailbackResult failback;
            try (ReverseReplication restore = ReverseReplication.restore(
                    new RestorePlan("primary", ReplicationPolicyKind.IDENTITY, List.of(topic)),
                    ClusterEndpoint.of("backup", backup.bootstrapServers()), ClusterEndpoint.of("primary", primary.bootstrapServers()),
                    1, backup, primary, STEP)) {
                RestoreResult restored = restore.result();
                System.out.printf("restore from the backup: %d records in %d ms (%d ms copying, %.0f records/s)%n",
                        restored.records(), restored.ms(), restored.copyMs(), restored.recordsPerSecond());
                assertThat(restored.records()).isPositive();

                producer.stop();
                onBackup.stop();
                failback = Failback.afterReverseReplication(restore, flow, primary, backup, List.of("dr-billing"), STEP);
            }
            try (MirrorMaker newForward = failback.forward();
                 ReplicationMonitor newMonitor = ReplicationMonitor.watch(newForward, primary, backup)) {
                System.out.printf("failback: drained in %d ms, offsets on the primary after %d ms, forward flow running after %d ms; seeds %s%n",
                        failback.drainMs(), failback.offsetsMs(), failback.totalMs(), failback.seeds());
                producer.target(primary.bootstrapServers(), topic).start(500);
                afterFailback.start(primary.bootstrapServers(), List.of(topic));
                await().pollDelay(Duration.ofSeconds(3)).until(() -> true);
                producer.stop();
                newMonitor.awaitCaughtUp(STEP);
                List<String> finalPrimary = TopicData.values(primary, topic);
                await("the group reads the primary to its end").atMost(STEP).until(() -> readAnywhere(onPrimary, onBackup, afterFailback).containsAll(finalPrimary));
                afterFailback.stop();

                assertEveryAckedRecordAccountedFor(producer, finalPrimary, disaster);
                assertThat(finalPrimary).as("no duplicates on the restored primary").doesNotHaveDuplicates();
                List<String> finalBackup = TopicData.values(backup, topic);
                assertThat(finalBackup).as("restored records are not replicated back to the backup").doesNotHaveDuplicates();
                assertThat(new HashSet<>(finalBackup)).as("the backup has everything again").containsAll(finalPrimary);
                reportRereads(onPrimary, onBackup, afterFailback);
            }
        }
    }

    @Test
    @Order(2)
    void prefixedPolicyPrimaryLostRestoredFromBackupStorageAndFailedBack() {
        backup.rebuildEmpty(); // MirrorMaker state of the first test must not leak into this one
        String topic = "pf-orders";
        TopicData.create(primary, topic, 3, Map.of("retention.ms", "86400000"));
        ReplicationFlow flow = forwardFlow("pf-.*", ReplicationPolicyKind.PREFIXED);
        Path store = RunDirectory.resolve("disaster-recovery-it/store");
        try (MirrorMaker forward = MirrorMaker.start(flow);
             AckedProducer producer = new AckedProducer("pf");
             ReplicationMonitor monitor = ReplicationMonitor.watch(forward, primary, backup).startSampling(Duration.ofMillis(500));
             GroupReader onPrimary = new GroupReader("pf-billing");
             GroupReader onBackup = new GroupReader("pf-billing");
             GroupReader afterFailback = new GroupReader("pf-billing")) {
            Disaster disaster = primaryLostAndFailedOver(flow, forward, monitor, topic, producer, onPrimary, onBackup);
            assertThat(disaster.failover().createdTopics()).containsExactly(topic);
            assertThat(disaster.failover().routes().get(0).consumeFrom()).containsExactly("primary.pf-orders", "pf-orders");

            producer.stop();
            onBackup.stop();
            BackupStorage storage = new BackupStorage(store);
            BackupStorage.Snapshot snapshot = storage.snapshot(backup, List.of("primary.pf-orders", topic), "pf-.*");
            primary.rebuildEmpty();
            RestoreResult restored = storage.restore(snapshot.directory(), primary,
                    new RestorePlan("primary", ReplicationPolicyKind.PREFIXED, List.of(topic)));
            System.out.printf("restore from backup storage: %d records in %d ms (%d ms copying, %.0f records/s)%n",
                    restored.records(), restored.ms(), restored.copyMs(), restored.recordsPerSecond());
            assertThat(restored.records()).isEqualTo(snapshot.records());

            FailbackResult failback = Failback.afterStorageRestore(flow, primary, backup);
            try (MirrorMaker newForward = failback.forward();
                 ReplicationMonitor newMonitor = ReplicationMonitor.watch(newForward, primary, backup)) {
                producer.target(primary.bootstrapServers(), topic).start(500);
                afterFailback.start(primary.bootstrapServers(), List.of(topic));
                await().pollDelay(Duration.ofSeconds(3)).until(() -> true);
                producer.stop();
                newMonitor.awaitCaughtUp(STEP);
                List<ConsumerRecord<String, String>> finalRecords = TopicData.readAll(primary, topic);
                List<String> finalPrimary = finalRecords.stream().map(ConsumerRecord::value).toList();
                await("the group reads the primary to its end").atMost(STEP).until(() -> readAnywhere(onPrimary, onBackup, afterFailback).containsAll(finalPrimary));
                afterFailback.stop();

                assertEveryAckedRecordAccountedFor(producer, finalPrimary, disaster);
                assertThat(finalPrimary).doesNotHaveDuplicates();
                assertKeysInOrder(finalRecords);
                List<String> replica = TopicData.values(backup, "primary.pf-orders");
                assertThat(replica).as("restored records are not replicated back to the backup").doesNotHaveDuplicates();
                Set<String> onBackupCluster = new HashSet<>(replica);
                onBackupCluster.addAll(TopicData.values(backup, topic));
                assertThat(onBackupCluster).as("the backup has everything again").containsAll(finalPrimary);
                reportRereads(onPrimary, onBackup, afterFailback);
            }
        } finally {
            RunDirectory.deleteRecursively(store.getParent());
        }
    }

    @Test
    @Order(3)
    void aPausedPrimaryIsLostToItsClientsAndFoundAgainWhenResumed() {
        try (DisasterDetector detector = DisasterDetector.forPrimary(primary.bootstrapServers(), Map.of()).start()) {
            await("first answer").atMost(STEP).until(detector::reachable);
            primary.broker(0).pause(); // SIGSTOP: the port still accepts connections, nothing answers
            try {
                DisasterDetector.Disaster disaster = detector.awaitDisaster(Duration.ofSeconds(30));
                assertThat(disaster.detectionTime()).isGreaterThanOrEqualTo(DisasterDetector.DEFAULT_WINDOW);
                assertThat(disaster.lastError()).isNotBlank();
            } finally {
                primary.broker(0).resume();
            }
            await("answers again after SIGCONT").atMost(STEP).until(detector::reachable);
            assertThat(detector.disaster()).as("the declaration stands: failover is a decision, not a flag").isPresent();
        }
    }

    /**
     * Every acknowledged record is on the final cluster, except records acknowledged by the
     * primary in the moment before it was killed that had not been replicated yet (the RPO).
     */
    private static void assertEveryAckedRecordAccountedFor(AckedProducer producer, List<String> finalCluster, Disaster disaster) {
        Set<String> present = new HashSet<>(finalCluster);
        List<AckedProducer.Ack> lost = producer.acked().stream().filter(ack -> !present.contains(ack.value())).toList();
        long rpoMs = lost.stream().mapToLong(ack -> disaster.killedAtMs() - ack.ackedAtMs()).max().orElse(0);
        System.out.printf("accounted for: %d acknowledged, %d on the final cluster, %d lost in the disaster (RPO %d ms), %d sends failed%n",
                producer.acked().size(), producer.acked().size() - lost.size(), lost.size(), rpoMs, producer.failures());
        assertThat(lost).as("only records acknowledged by the primary just before it died may be lost")
                .allSatisfy(ack -> assertThat(ack.ackedAtMs()).isBetween(disaster.killedAtMs() - 1000, disaster.killedAtMs() + 50));
        assertThat(lost.size()).isLessThanOrEqualTo(250);
    }

    /** Every key's records in the order they were produced: the restore kept partition order. */
    private static void assertKeysInOrder(List<ConsumerRecord<String, String>> records) {
        Map<String, List<Long>> byKey = new HashMap<>();
        records.stream().sorted(java.util.Comparator.comparingInt(ConsumerRecord<String, String>::partition)
                        .thenComparingLong(ConsumerRecord::offset))
                .forEach(record -> byKey.computeIfAbsent(record.key(), k -> new ArrayList<>())
                        .add(Long.parseLong(record.value().substring(record.value().lastIndexOf('-') + 1))));
        byKey.forEach((key, sequences) -> assertThat(sequences).as("order of key %s", key).isSorted());
    }

    private static Set<String> readAnywhere(GroupReader... readers) {
        Set<String> values = new HashSet<>();
        for (GroupReader reader : readers) {
            values.addAll(reader.values());
        }
        return values;
    }

    private static void reportRereads(GroupReader onPrimary, GroupReader onBackup, GroupReader afterFailback) {
        Set<String> before = new HashSet<>(onPrimary.values());
        long atFailover = onBackup.values().stream().filter(before::contains).count();
        Set<String> beforeFailback = new HashSet<>(before);
        beforeFailback.addAll(onBackup.values());
        long atFailback = afterFailback.values().stream().filter(beforeFailback::contains).count();
        System.out.printf("consumer re-reads: %d at failover (%d ms of traffic at 500 records/s), %d at failback%n",
                atFailover, atFailover * 1000 / 500, atFailback);
        assertThat(atFailback).as("failback offsets are exact").isZero();
    }
}
