package io.firedrill.replication;

import io.firedrill.cluster.KafkaCluster;
import io.firedrill.process.LibFaketime;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * MirrorMaker 2 as its own process between two real single-broker clusters: both policies,
 * topics and partitions added mid-run, topic configs, a SIGKILL mid-traffic, and the failover
 * offsets of a consumer group. One pair of clusters serves the whole class; each test uses its
 * own topics and MirrorMaker.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MirrorMakerIT extends ClusterPair {

    private static final Duration CATCH_UP = Duration.ofSeconds(60);

    @Test
    @Order(1)
    void identityPolicyReplicatesTopicsConfigsAndTopicsAndPartitionsAddedMidRun() throws Exception {
        TopicData.create(primary, "id-orders", 3, Map.of("retention.ms", "3600000"));
        TopicData.create(primary, "id-payments", 2, Map.of());
        try (AckedProducer orders = new AckedProducer("orders").target(primary.bootstrapServers(), "id-orders");
             AckedProducer payments = new AckedProducer("payments").target(primary.bootstrapServers(), "id-payments")) {
            orders.send(300);
            payments.send(200);

            try (MirrorMaker mirrorMaker = MirrorMaker.start(flow("id-.*"));
                 ReplicationMonitor monitor = ReplicationMonitor.watch(mirrorMaker, primary, backup)) {
                // dedicated mode drops worker and client keys without an alias prefix: check what it really runs with
                for (String setting : List.of("plugin.discovery = service_load", "offset.flush.interval.ms = 500",
                        "scheduled.rebalance.max.delay.ms = 0", "offset.lag.max = 0", "offset-syncs.topic.location = target",
                        "refresh.topics.interval.seconds = 1", "refresh.groups.interval.seconds = 1",
                        "emit.checkpoints.interval.seconds = 1", "sync.group.offsets.interval.seconds = 1",
                        "sync.group.offsets.enabled = true", "admin.timeout.ms = 2000", "task.shutdown.graceful.timeout.ms = 1000")) {
                    assertThat(mirrorMaker.logged(setting)).as("MirrorMaker logs %s", setting).isTrue();
                }
                monitor.awaitCaughtUp(CATCH_UP);
                assertSameRecords("id-orders", "id-orders");
                assertSameRecords("id-payments", "id-payments");
                try (Admin admin = TopicData.admin(backup)) {
                    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, "id-orders");
                    assertThat(admin.describeConfigs(List.of(resource)).all().get().get(resource).get("retention.ms").value())
                            .isEqualTo("3600000");
                }

                TopicData.create(primary, "id-refunds", 1, Map.of());
                try (AckedProducer refunds = new AckedProducer("refunds").target(primary.bootstrapServers(), "id-refunds")) {
                    refunds.send(100);
                }
                try (Admin admin = TopicData.admin(primary)) {
                    admin.createPartitions(Map.of("id-payments", NewPartitions.increaseTo(3))).all().get();
                }
                payments.target(primary.bootstrapServers(), "id-payments").send(300); // a fresh producer sees the new partition
                await("id-refunds and the third partition of id-payments on the backup").atMost(CATCH_UP)
                        .until(() -> partitions(backup, "id-refunds") == 1 && partitions(backup, "id-payments") == 3);
                ReplicationSnapshot caughtUp = monitor.awaitCaughtUp(CATCH_UP);
                assertSameRecords("id-refunds", "id-refunds");
                assertSameRecords("id-payments", "id-payments");
                assertThat(TopicData.readAll(backup, "id-payments")).anyMatch(record -> record.partition() == 2);

                assertThat(caughtUp.state()).as("states seen: %s", monitor.history().stream()
                        .filter(sample -> !sample.state().isHealthy()).map(sample -> sample.state() + " " + sample.reason()).toList())
                        .isEqualTo(ReplicationState.HEALTHY);
                assertThat(caughtUp.lagRecords()).isZero();
                assertThat(caughtUp.heartbeatAgeMs()).isNotNull().isLessThan(5000L);
                assertThat(caughtUp.partitions()).extracting(PartitionLag::topic).contains("id-orders", "id-payments", "id-refunds");
            }
        }
    }

    @Test
    @Order(2)
    void prefixedPolicyNamesReplicasAfterTheSourceCluster() {
        TopicData.create(primary, "pfx-orders", 2, Map.of());
        try (AckedProducer orders = new AckedProducer("pfx").target(primary.bootstrapServers(), "pfx-orders");
             MirrorMaker mirrorMaker = MirrorMaker.start(flow("pfx-.*").withPolicy(ReplicationPolicyKind.PREFIXED));
             ReplicationMonitor monitor = ReplicationMonitor.watch(mirrorMaker, primary, backup)) {
            orders.send(200);
            TopicData.create(primary, "pfx-late", 1, Map.of());
            try (AckedProducer late = new AckedProducer("late").target(primary.bootstrapServers(), "pfx-late")) {
                late.send(50);
            }
            ReplicationSnapshot snapshot = monitor.awaitCaughtUp(CATCH_UP);
            assertThat(snapshot.partitions()).extracting(PartitionLag::targetTopic).contains("primary.pfx-orders", "primary.pfx-late");
            assertSameRecords("pfx-orders", "primary.pfx-orders");
            assertSameRecords("pfx-late", "primary.pfx-late");
            assertThat(topics(backup)).doesNotContain("pfx-orders", "pfx-late");
        }
    }

    @Test
    @Order(3)
    void mirrorMakerKilledMidTrafficResumesAndLosesNothing() {
        TopicData.create(primary, "kill-orders", 3, Map.of());
        try (AckedProducer producer = new AckedProducer("kill").target(primary.bootstrapServers(), "kill-orders");
             MirrorMaker mirrorMaker = MirrorMaker.start(flow("kill-.*"));
             ReplicationMonitor monitor = ReplicationMonitor.watch(mirrorMaker, primary, backup)) {
            producer.start(500);
            monitor.awaitHealthy(CATCH_UP);
            await().pollDelay(Duration.ofSeconds(2)).until(() -> true);

            mirrorMaker.kill();
            assertThat(monitor.sample().state()).isEqualTo(ReplicationState.DISRUPTED);
            await().pollDelay(Duration.ofMillis(1500)).until(() -> true); // traffic goes on without replication
            mirrorMaker.start();
            producer.stop();
            ReplicationSnapshot restored = monitor.awaitCaughtUp(CATCH_UP);

            assertThat(restored.state()).isEqualTo(ReplicationState.RESTORED);
            assertThat(producer.failures()).isZero();
            List<String> onBackup = TopicData.values(backup, "kill-orders");
            Set<String> acked = producer.acked().stream().map(AckedProducer.Ack::value).collect(Collectors.toSet());
            assertThat(new HashSet<>(onBackup)).containsAll(acked);
            long duplicates = onBackup.size() - new HashSet<>(onBackup).size();
            System.out.printf("MirrorMaker SIGKILL mid-traffic: %d acked, %d on backup, %d re-sent duplicates%n",
                    acked.size(), onBackup.size(), duplicates);
            assertThat(monitor.history()).extracting(ReplicationSnapshot::state).contains(ReplicationState.DISRUPTED);
        }
    }

    @Test
    @Order(4)
    void groupThatCommittedOnPrimaryResumesOnBackupWithinTheTranslationGap() {
        TopicData.create(primary, "gap-orders", 3, Map.of());
        ReplicationFlow flow = flow("gap-.*");
        try (AckedProducer producer = new AckedProducer("gap").target(primary.bootstrapServers(), "gap-orders");
             MirrorMaker mirrorMaker = MirrorMaker.start(flow);
             ReplicationMonitor monitor = ReplicationMonitor.watch(mirrorMaker, primary, backup);
             GroupReader onPrimary = new GroupReader("gap-billing")) {
            producer.start(400);
            onPrimary.start(primary.bootstrapServers(), List.of("gap-orders"));
            try (OffsetTranslator translator = new OffsetTranslator(flow, backup)) {
                await("MirrorMaker checkpoints the group").atMost(CATCH_UP).until(() -> translator.translate("gap-billing", Map.of(), ResumeOffset.LAST_SEEN)
                        .offsets().values().stream().anyMatch(offset -> offset.basis() == ResumeOffset.Basis.CHECKPOINT));
            }
            int readBefore = onPrimary.count();
            await().atMost(CATCH_UP).until(() -> onPrimary.count() > readBefore + 800);
            // the disaster, as the clients and MirrorMaker see it: everything stops at once
            mirrorMaker.kill();
            producer.stop();
            onPrimary.stop();
            assertThat(monitor.sample().sourceReachable()).as("the primary itself is alive in this test").isTrue();
            Map<TopicPartition, Long> committed = monitor.lastKnownGroupOffsets("gap-billing");
            assertThat(committed).hasSize(3);

            GroupResume resume;
            try (OffsetTranslator translator = new OffsetTranslator(flow, backup)) {
                GroupResume mirrorMakersOwn = translator.translate("gap-billing", Map.of(), ResumeOffset.LAST_SEEN);
                GroupResume translated = translator.translate("gap-billing", committed, ResumeOffset.LAST_SEEN);
                assertThat(translated.offsets()).as("the last offsets seen on the primary only ever move the resume point forward")
                        .allSatisfy((tp, offset) -> assertThat(offset.offset()).isGreaterThanOrEqualTo(
                                mirrorMakersOwn.offsets().get(tp).offset()));
                translator.commit(translated);
                resume = translator.withGap(translated, committed);
            }
            assertThat(resume.offsets()).hasSize(3).allSatisfy((tp, offset) -> assertThat(offset.offset())
                    .isLessThanOrEqualTo(committed.get(tp)));
            try (OffsetSyncLog syncs = new OffsetSyncLog(backup, flow.offsetSyncsTopic(), Duration.ofSeconds(5))) {
                syncs.refresh(Duration.ofSeconds(10));
                assertThat(resume.gapUnknownPartitions()).as("committed %s, resume %s, syncs %s", committed, resume.offsets(),
                        committed.keySet().stream().map(syncs::describe).toList()).isZero();
            }

            List<ConsumerRecord<String, String>> backupRecords = TopicData.readAll(backup, "gap-orders");
            List<String> backupTopic = backupRecords.stream().map(ConsumerRecord::value).toList();
            try (GroupReader onBackup = new GroupReader("gap-billing")) {
                onBackup.start(backup.bootstrapServers(), List.of("gap-orders"));
                long expected = backupRecords.stream().filter(record -> record.offset()
                        >= resume.offsets().get(new TopicPartition(record.topic(), record.partition())).offset()).count();
                await("the group reads the backup to its end").atMost(CATCH_UP).until(() -> onBackup.count() >= expected);
                onBackup.stop();
                Set<String> readOnPrimary = new HashSet<>(onPrimary.values());
                Set<String> readAnywhere = new HashSet<>(readOnPrimary);
                readAnywhere.addAll(onBackup.values());
                long rereads = onBackup.values().stream().filter(readOnPrimary::contains).count();
                System.out.printf("failover of gap-billing: translation gap %d records (%s), re-read %d, at 400 records/s = %d ms of traffic%n",
                        resume.translationGapRecords(), resume.offsets().values().stream().map(o -> o.basis().name())
                                .collect(Collectors.joining(",")), rereads, resume.translationGapRecords() * 1000 / 400);
                assertThat(readAnywhere).as("nothing skipped").containsAll(backupTopic);
                Map<Integer, List<Long>> rereadOffsets = backupRecords.stream().filter(record -> readOnPrimary.contains(record.value())
                                && record.offset() >= resume.offsets().get(new TopicPartition(record.topic(), record.partition())).offset())
                        .collect(Collectors.groupingBy(ConsumerRecord::partition, Collectors.mapping(ConsumerRecord::offset, Collectors.toList())));
                assertThat(rereads).as("committed %s, resume %s, re-read offsets %s", committed, resume.offsets(), rereadOffsets)
                        .isEqualTo(resume.translationGapRecords());
            }
        }
    }

    @Test
    @Order(5)
    void aSkewedMirrorMakerStampsItsHeartbeatsWithItsOwnClockUntilHealed() {
        assumeThat(LibFaketime.library()).as("libfaketime (Debian's faketime package)").isPresent();
        TopicData.create(primary, "skew-orders", 1, Map.of());
        Duration offset = Duration.ofHours(1);
        try (MirrorMaker mirrorMaker = MirrorMaker.start(flow("skew-.*"))) {
            mirrorMaker.restartWithClockOffset(offset);
            // the heartbeat connector's producer stamps each heartbeat with MirrorMaker's wall clock
            await("a heartbeat stamped an hour ahead").atMost(CATCH_UP)
                    .until(() -> newestHeartbeatAheadMs(mirrorMaker.flow()) > offset.toMillis() - 60_000);

            mirrorMaker.restartWithClockOffset(Duration.ZERO);
            await("a heartbeat stamped by the real clock again").atMost(CATCH_UP)
                    .until(() -> Math.abs(newestHeartbeatAheadMs(mirrorMaker.flow())) < 60_000);
        }
    }

    /** How far ahead of this machine's clock the newest heartbeat of the flow on the backup was stamped. */
    private long newestHeartbeatAheadMs(ReplicationFlow flow) {
        if (!topics(backup).contains(flow.heartbeatsTopic())) {
            return Long.MIN_VALUE;
        }
        List<ConsumerRecord<String, String>> heartbeats = TopicData.readAll(backup, flow.heartbeatsTopic());
        return heartbeats.isEmpty() ? Long.MIN_VALUE : heartbeats.get(heartbeats.size() - 1).timestamp() - System.currentTimeMillis();
    }

    /** Same keys, values, partitions, timestamps and headers, in the same order per partition. */
    private void assertSameRecords(String sourceTopic, String targetTopic) {
        List<String> source = TopicData.readAll(primary, sourceTopic).stream().map(MirrorMakerIT::describe).toList();
        List<String> target = TopicData.readAll(backup, targetTopic).stream().map(MirrorMakerIT::describe).toList();
        assertThat(target).as("%s on backup", targetTopic).containsExactlyInAnyOrderElementsOf(source);
        for (int partition = 0; partition < 3; partition++) {
            String prefix = "p" + partition + " ";
            assertThat(target.stream().filter(r -> r.startsWith(prefix)).toList())
                    .containsExactlyElementsOf(source.stream().filter(r -> r.startsWith(prefix)).toList());
        }
    }

    private static String describe(ConsumerRecord<String, String> record) {
        return "p" + record.partition() + " " + record.key() + "=" + record.value() + " @" + record.timestamp()
                + " " + new String(record.headers().lastHeader("seq").value());
    }

    private static int partitions(KafkaCluster cluster, String topic) throws Exception {
        try (Admin admin = TopicData.admin(cluster)) {
            if (!admin.listTopics().names().get().contains(topic)) {
                return 0;
            }
            return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
        }
    }

    private static Set<String> topics(KafkaCluster cluster) {
        try (Admin admin = TopicData.admin(cluster)) {
            return admin.listTopics().names().get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
