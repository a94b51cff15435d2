package io.firedrill.replication;

import io.firedrill.process.RunDirectory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DisasterRecoveryIT extends ClusterPair {

    private static final Duration STEP = Duration.ofSeconds(90);

    private ReplicationFlow forwardFlow(String topics, ReplicationPolicyKind policy) {
        return flow(topics).withPolicy(policy);
    }

    /** What happened before and at the disaster. */
    private record Disaster(long killedAtMs, DisasterDetector.Disaster detected, FailoverResult failover, long firstConsumedOnBackupMs) {}

    /**
     * One drill's moving parts: the forward flow and its monitor, a producer that follows the
     * clients from cluster to cluster, and the consumer group's member on each leg.
     */
    private final class Drill implements AutoCloseable {
        final String topic;
        final String group;
        final ReplicationFlow flow;
        final MirrorMaker forward;
        final ReplicationMonitor monitor;
        final AckedProducer producer;
        final GroupReader onPrimary;
        final GroupReader onBackup;
        final GroupReader afterFailback;

        Drill(String topic, ReplicationPolicyKind policy) {
            this.topic = topic;
            this.group = topic + "-billing";
            this.flow = forwardFlow(topic + "|" + group, policy);
            this.forward = MirrorMaker.start(flow);
            this.monitor = ReplicationMonitor.watch(forward, primary, backup).startSampling(Duration.ofMillis(500));
            this.producer = new AckedProducer(topic);
            this.onPrimary = new GroupReader(group);
            this.onBackup = new GroupReader(group);
            this.afterFailback = new GroupReader(group);
        }

        /**
         * Traffic on the primary with replication, the primary SIGKILLed whole, detection, failover,
         * producers and the group moved to the backup and running there for a while.
         */
        Disaster primaryLostAndFailedOver() {
            try (DisasterDetector detector = DisasterDetector.forPrimary(primary.bootstrapServers(), Map.of())) {
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
                assertThat(detected.detectionTime()).as("declared only after the whole window").isGreaterThanOrEqualTo(io.firedrill.scenario.Detection.DEFAULT.window());

                FailoverResult failover = Failover.run(forward, monitor, List.of(topic), List.of(group),
                        ResumeSources.MIRRORMAKER_AND_OBSERVED);
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

        /** Clients stop on the backup, as failback requires. */
        void stopOnBackup() {
            producer.stop();
            onBackup.stop();
        }

        /**
         * Clients back on the primary while the new forward flow starts; then every acknowledged
         * record must be on the primary once, in key order, and read by the group.
         */
        List<ConsumerRecord<String, String>> failedBack(FailbackResult failback, Disaster disaster) {
            try (MirrorMaker newForward = failback.forward();
                 ReplicationMonitor newMonitor = ReplicationMonitor.watch(newForward, primary, backup)) {
                System.out.printf("failback: drained in %d ms, offsets on the primary after %d ms, clients back after %d ms; seeds %s%n",
                        failback.drainMs(), failback.offsetsMs(), failback.totalMs(), failback.seeds());
                producer.target(primary.bootstrapServers(), topic).start(500);
                afterFailback.start(primary.bootstrapServers(), List.of(topic));
                await().pollDelay(Duration.ofSeconds(3)).until(() -> true);
                producer.stop();
                newMonitor.awaitCaughtUp(STEP);
                List<ConsumerRecord<String, String>> finalRecords = TopicData.readAll(primary, topic);
                List<String> finalPrimary = finalRecords.stream().map(ConsumerRecord::value).toList();
                await("the group reads the primary to its end").atMost(STEP)
                        .until(() -> readAnywhere(onPrimary, onBackup, afterFailback).containsAll(finalPrimary));
                afterFailback.stop();

                assertEveryAckedRecordAccountedFor(producer, finalPrimary, disaster);
                assertThat(finalPrimary).as("no duplicates on the restored primary").doesNotHaveDuplicates();
                assertKeysInOrder(finalRecords);
                reportRereads(onPrimary, onBackup, afterFailback);
                return finalRecords;
            }
        }

        @Override
        public void close() {
            afterFailback.close();
            onBackup.close();
            onPrimary.close();
            producer.close();
            monitor.close();
            forward.close();
        }
    }

    @Test
    @Order(1)
    void identityPolicyPrimaryLostRestoredFromTheBackupAndFailedBack() {
        TopicData.create(primary, "dr-orders", 3, Map.of());
        try (Drill drill = new Drill("dr-orders", ReplicationPolicyKind.IDENTITY)) {
            Disaster disaster = drill.primaryLostAndFailedOver();

            primary.rebuildEmpty();
            FailbackResult failback;
            try (ReverseReplication restore = ReverseReplication.restore(
                    new RestorePlan("primary", ReplicationPolicyKind.IDENTITY, List.of(drill.topic)),
                    ReplicationEndpoint.of("backup", backup.bootstrapServers()), ReplicationEndpoint.of("primary", primary.bootstrapServers()),
                    1, backup, primary, STEP)) {
                RestoreResult restored = restore.result();
                System.out.printf("restore from the backup: %d records in %d ms (%d ms copying, %.0f records/s)%n",
                        restored.records(), restored.ms(), restored.copyMs(), restored.recordsPerSecond());
                assertThat(restored.records()).isPositive();
                drill.stopOnBackup();
                failback = Failback.afterReverseReplication(restore, drill.flow, primary, backup, List.of(drill.group), STEP);
            }
            List<String> finalPrimary = drill.failedBack(failback, disaster).stream().map(ConsumerRecord::value).toList();

            List<String> finalBackup = TopicData.values(backup, drill.topic);
            assertThat(finalBackup).as("restored records are not replicated back to the backup").doesNotHaveDuplicates();
            assertThat(new HashSet<>(finalBackup)).as("the backup has everything again").containsAll(finalPrimary);
        }
    }

    @Test
    @Order(2)
    void prefixedPolicyPrimaryLostRestoredFromBackupStorageAndFailedBack() {
        backup.rebuildEmpty(); // MirrorMaker state of the first test must not leak into this one
        TopicData.create(primary, "pf-orders", 3, Map.of("retention.ms", "86400000"));
        Path store = RunDirectory.resolve("disaster-recovery-it/store");
        try (Drill drill = new Drill("pf-orders", ReplicationPolicyKind.PREFIXED)) {
            Disaster disaster = drill.primaryLostAndFailedOver();
            assertThat(disaster.failover().createdTopics()).containsExactly("pf-orders");
            assertThat(disaster.failover().routes().get(0).consumeFrom()).containsExactly("primary.pf-orders", "pf-orders");

            drill.stopOnBackup();
            BackupStorage storage = new BackupStorage(store);
            BackupStorage.Snapshot snapshot = storage.snapshot(backup, List.of("primary.pf-orders", "pf-orders"), "pf-.*");
            primary.rebuildEmpty();
            RestoreResult restored = storage.restore(snapshot.directory(), primary,
                    new RestorePlan("primary", ReplicationPolicyKind.PREFIXED, List.of("pf-orders")));
            System.out.printf("restore from backup storage: %d records in %d ms (%d ms copying, %.0f records/s)%n",
                    restored.records(), restored.ms(), restored.copyMs(), restored.recordsPerSecond());
            assertThat(restored.records()).isEqualTo(snapshot.records());

            List<String> finalPrimary = drill.failedBack(Failback.afterStorageRestore(drill.flow, primary, backup), disaster)
                    .stream().map(ConsumerRecord::value).toList();

            List<String> replica = TopicData.values(backup, "primary.pf-orders");
            assertThat(replica).as("restored records are not replicated back to the backup").doesNotHaveDuplicates();
            Set<String> onBackupCluster = new HashSet<>(replica);
            onBackupCluster.addAll(TopicData.values(backup, "pf-orders"));
            assertThat(onBackupCluster).as("the backup has everything again").containsAll(finalPrimary);
        } finally {
            RunDirectory.deleteRecursively(store.getParent());
        }
    }

    @Test
    @Order(3)
    void aPausedPrimaryIsLostToItsClientsAndFoundAgainWhenResumed() {
        try (DisasterDetector detector = DisasterDetector.forPrimary(primary.bootstrapServers(), Map.of())) {
            await("first answer").atMost(STEP).until(detector::reachable);
            primary.broker(0).pause(); // SIGSTOP: the port still accepts connections, nothing answers
            try {
                DisasterDetector.Disaster disaster = detector.awaitDisaster(Duration.ofSeconds(30));
                assertThat(disaster.detectionTime()).isGreaterThanOrEqualTo(io.firedrill.scenario.Detection.DEFAULT.window());
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
        // an ack whose callback ran just after the kill was acked at the kill: it counts as 0 ms, not less
        long rpoMs = lost.stream().mapToLong(ack -> Math.max(0, disaster.killedAtMs() - ack.ackedAtMs())).max().orElse(0);
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
