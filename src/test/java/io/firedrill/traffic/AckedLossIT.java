package io.firedrill.traffic;

import io.firedrill.cluster.ClusterSpec;
import io.firedrill.cluster.KafkaBroker;
import io.firedrill.cluster.KafkaCluster;
import io.firedrill.cluster.process.ProcessClusterBackend;
import io.firedrill.scenario.Acks;
import io.firedrill.verify.CheckReport;
import io.firedrill.verify.Ledger;
import io.firedrill.verify.RecordRef;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.firedrill.traffic.LiveClusters.beginning;
import static io.firedrill.traffic.LiveClusters.check;
import static io.firedrill.traffic.LiveClusters.createTopic;
import static io.firedrill.traffic.LiveClusters.drainAndClose;
import static io.firedrill.traffic.LiveClusters.endpoint;
import static io.firedrill.traffic.LiveClusters.runUntilAcked;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Acknowledged records lost on purpose, on real brokers, and the checker naming them: how many,
 * acked where, and the span of send time they cover (the RPO).
 */
class AckedLossIT {
    private static final Logger log = LoggerFactory.getLogger(AckedLossIT.class);
    private static final Duration CATCH_UP = Duration.ofSeconds(60);

    @AfterEach
    void noTrafficThreadOutlivesItsClose() {
        TrafficThreads.assertNoneLeft();
    }

    @Test
    void recordsAckedByABrokerThatIsThenRebuiltEmptyAreLostWithTheirSpan() throws Exception {
        try (KafkaCluster primary = new ProcessClusterBackend().start(ClusterSpec.of("primary", 1))) {
            createTopic(primary, "events", 3, 1, Map.of());
            Ledger ledger = Ledger.create();
            TrafficConsumerGroup group = TrafficConsumerGroup.start(ConsumerGroupSettings.of("audit", "events"),
                    ledger, endpoint(primary), Map.of());
            long firstPhaseStart = System.currentTimeMillis();
            TrafficProducer before = TrafficProducer.start(ProducerSettings.of("events-before", "events").withRate(400)
                    .withDelivery(Acks.ONE, false), ledger, endpoint(primary));
            runUntilAcked(before, 800);
            long firstPhaseEnd = System.currentTimeMillis();
            long ackedBefore = before.stats().acked();
            group.awaitCaughtUp(CATCH_UP);

            primary.rebuildEmpty();
            createTopic(primary, "events", 3, 1, Map.of());
            group.repoint(endpoint(primary), beginning("events", 3));
            TrafficProducer after = TrafficProducer.start(ProducerSettings.of("events-after", "events").withRate(400)
                    .withDelivery(Acks.ONE, false), ledger, endpoint(primary));
            runUntilAcked(after, 400);
            drainAndClose(group);

            CheckReport report = check(ledger, "events", primary);
            log.info("checker after the rebuild: {}", report.anomalies());

            assertThat(before.stats().sent()).as("a healthy broker acks every send").isEqualTo(ackedBefore);
            assertThat(report.lost().count()).isEqualTo(ackedBefore);
            assertThat(report.lost().byAckCluster()).isEqualTo(Map.of("primary", ackedBefore));
            assertThat(report.lost().firstSendMs()).isBetween(firstPhaseStart, firstPhaseStart + 5_000);
            assertThat(report.lost().lastSendMs()).isBetween(report.lost().firstSendMs(), firstPhaseEnd);
            assertThat(report.lost().spanMs()).isEqualTo(report.lost().lastSendMs() - report.lost().firstSendMs())
                    .as("800 records at 400/s span about two seconds").isGreaterThan(1_000);
            assertThat(report.lost().examples()).extracting(RecordRef::producer).containsOnly("events-before");
            assertThat(report.lost().count()).isEqualTo(ackedBefore);
            assertThat(report.acked()).isEqualTo(ackedBefore + after.stats().acked());
            assertThat(report.skipped()).as("lost records are not there to skip").isZero();
            assertThat(report.consumerDuplicates()).isZero();
            assertThat(report.anomalies()).singleElement().asString()
                    .startsWith(ackedBefore + " acknowledged records lost on primary");
        }
    }

    @Test
    void acksOneLosesWhatTheLeaderAckedAloneWhenItDies() throws Exception {
        try (KafkaCluster primary = new ProcessClusterBackend().start(ClusterSpec.of("primary", 3))) {
            createTopic(primary, "fragile", 1, 3, Map.of("min.insync.replicas", "1"));
            Ledger ledger = Ledger.create();
            TrafficConsumerGroup group = TrafficConsumerGroup.start(ConsumerGroupSettings.of("watchers", "fragile"),
                    ledger, endpoint(primary), Map.of());
            TrafficProducer producer = TrafficProducer.start(ProducerSettings.of("fragile-producer", "fragile")
                    .withRate(300).withDelivery(Acks.ONE, false), ledger, endpoint(primary));
            long pausedAt;
            long killedAt;
            long ackedAlone;
            long notYetReplicated;
            try {
                await().atMost(Duration.ofSeconds(60)).until(() -> producer.stats().acked() >= 300);
                KafkaBroker leader = primary.broker(leaderOfPartitionZero(primary));
                List<KafkaBroker> followers = primary.brokers().stream().filter(b -> b != leader).toList();
                // records acked above the high watermark were on the leader only, even before the pause
                long highWatermark = highWatermarkOfPartitionZero(primary);
                long ackedAtPause = producer.stats().acked();
                pausedAt = System.currentTimeMillis();
                followers.forEach(KafkaBroker::pause);
                notYetReplicated = Math.max(0, ackedAtPause - highWatermark);
                await().atMost(Duration.ofSeconds(30)).until(() -> producer.stats().acked() >= ackedAtPause + 300);
                killedAt = System.currentTimeMillis();
                leader.kill();
                ackedAlone = producer.stats().acked() - ackedAtPause;
                followers.forEach(KafkaBroker::resume);
                await().atMost(Duration.ofSeconds(90)).until(() -> ledger.firstAckOn("primary", killedAt + 1).isPresent());
                long ackedAfterFailover = producer.stats().acked();
                await().atMost(Duration.ofSeconds(60)).until(() -> producer.stats().acked() >= ackedAfterFailover + 300);
            } finally {
                producer.close();
            }
            drainAndClose(group);

            CheckReport report = check(ledger, "fragile", primary);
            log.info("checker after the leader's death: {} (acked by the leader alone: {} while frozen, {} before)",
                    report.anomalies(), ackedAlone, notYetReplicated);

            assertThat(report.lost().count()).as("records the leader acked while its followers were frozen or had not fetched yet")
                    .isPositive().isLessThanOrEqualTo(ackedAlone + notYetReplicated + 100);
            assertThat(report.lost().byAckCluster()).containsOnlyKeys("primary");
            long followerLagMs = notYetReplicated * 1000 / 300 + 1_000; // at 300 records/s, with a second of slack
            assertThat(report.lost().firstSendMs()).isGreaterThanOrEqualTo(pausedAt - followerLagMs);
            assertThat(report.lost().lastSendMs()).isLessThanOrEqualTo(killedAt);
            assertThat(report.lost().spanMs()).isLessThanOrEqualTo(killedAt - pausedAt + followerLagMs);
            assertThat(report.skipped()).as("consumers never saw what was lost, and missed nothing that survived").isZero();
            assertThat(report.corrupted()).isZero();
            assertThat(report.storageDuplicates()).isZero();
        }
    }

    private static long highWatermarkOfPartitionZero(KafkaCluster cluster) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", cluster.bootstrapServers()))) {
            TopicPartition partition = new TopicPartition("fragile", 0);
            return admin.listOffsets(Map.of(partition, OffsetSpec.latest())).partitionResult(partition).get().offset();
        }
    }

    private static int leaderOfPartitionZero(KafkaCluster cluster) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", cluster.bootstrapServers()))) {
            return admin.describeTopics(List.of("fragile")).allTopicNames().get().get("fragile")
                    .partitions().get(0).leader().id();
        }
    }
}
