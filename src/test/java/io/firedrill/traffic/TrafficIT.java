package io.firedrill.traffic;

import io.firedrill.cluster.ClusterBackend;
import io.firedrill.cluster.ClusterSpec;
import io.firedrill.cluster.KafkaCluster;
import io.firedrill.cluster.process.ProcessClusterBackend;
import io.firedrill.verify.CheckReport;
import io.firedrill.verify.Ledger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static io.firedrill.traffic.LiveClusters.beginning;
import static io.firedrill.traffic.LiveClusters.check;
import static io.firedrill.traffic.LiveClusters.createTopic;
import static io.firedrill.traffic.LiveClusters.drainAndClose;
import static io.firedrill.traffic.LiveClusters.endpoint;
import static io.firedrill.traffic.LiveClusters.runUntilAcked;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Traffic through real Kafka 4.3.1 brokers (the process backend), every record accounted for by
 * the checker: a clean run, a consumer group moved between clusters mid-traffic (with translated
 * and committed offsets), transactions, and sends that definitely fail. One 1-broker primary and
 * one 1-broker backup serve every test; each test has its own topics and ledger.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrafficIT {
    private static final Duration CATCH_UP = Duration.ofSeconds(60);

    private final ClusterBackend backend = new ProcessClusterBackend();
    private KafkaCluster primary;
    private KafkaCluster backup;

    @BeforeAll
    void startClusters() {
        CompletableFuture<KafkaCluster> primaryStart = CompletableFuture.supplyAsync(() -> backend.start(ClusterSpec.of("primary", 1)));
        CompletableFuture<KafkaCluster> backupStart = CompletableFuture.supplyAsync(() -> backend.start(ClusterSpec.of("backup", 1)));
        primary = primaryStart.join();
        backup = backupStart.join();
    }

    @AfterAll
    void closeClusters() {
        if (primary != null) {
            primary.close();
        }
        if (backup != null) {
            backup.close();
        }
    }

    @Test
    void trafficThroughARealClusterIsAccountedForWithoutAnomaly() throws Exception {
        createTopic(primary, "orders", 3, 1, Map.of());
        Ledger ledger = Ledger.create();
        TrafficConsumerGroup group = TrafficConsumerGroup.start(ConsumerGroupSettings.of("billing", "orders"), ledger,
                endpoint(primary), Map.of());
        TrafficProducer producer = TrafficProducer.start(ProducerSettings.of("orders-producer", "orders").withRate(500),
                ledger, endpoint(primary));
        runUntilAcked(producer, 2_000);
        drainAndClose(group);

        CheckReport report = check(ledger, "orders", primary);

        assertThat(report.anomalies()).isEmpty();
        assertThat(report.sent()).isGreaterThanOrEqualTo(2_000);
        assertThat(report.acked()).as("every send of a healthy cluster is acked").isEqualTo(report.sent());
        assertThat(report.storedRecords()).isEqualTo(report.sent());
        assertThat(report.groups().get(0).processed()).isEqualTo(report.acked());
        assertThat(report.groups().get(0).processedByCluster()).isEqualTo(Map.of("primary", report.acked()));
        assertThat(group.stats().committedByCluster()).as("the final synchronous commit covers everything processed")
                .isEqualTo(Map.of("primary", report.acked()));
        assertThat(producer.stats().lastAckMs()).isNotNull();
    }

    @Test
    void aGroupMovedBetweenClustersMidTrafficProcessesEveryRecordOnceAndReReadsWhenToldTo() throws Exception {
        createTopic(primary, "payments", 3, 1, Map.of());
        createTopic(backup, "payments", 3, 1, Map.of());
        Ledger ledger = Ledger.create();
        TrafficConsumerGroup group = TrafficConsumerGroup.start(ConsumerGroupSettings.of("settlement", "payments"),
                ledger, endpoint(primary), Map.of());
        TrafficProducer producer = TrafficProducer.start(ProducerSettings.of("payments-producer", "payments").withRate(400),
                ledger, endpoint(primary));
        await().atMost(Duration.ofSeconds(60)).until(() -> group.stats().consumed() >= 500);
        long producerMovedAt = System.currentTimeMillis();
        producer.repoint(endpoint(backup));
        group.awaitCaughtUp(CATCH_UP);
        long groupMovedAt = System.currentTimeMillis();
        group.repoint(endpoint(backup), beginning("payments", 3));
        runUntilAcked(producer, producer.stats().acked() + 500);
        group.awaitCaughtUp(CATCH_UP);

        CheckReport moved = check(ledger, "payments", primary, backup);
        assertThat(moved.anomalies()).isEmpty();
        assertThat(moved.acked()).isEqualTo(moved.sent());
        CheckReport.GroupReport settlement = moved.groups().get(0);
        long onPrimary = settlement.processedByCluster().get("primary");
        long onBackup = settlement.processedByCluster().get("backup");
        assertThat(onPrimary + onBackup).isEqualTo(moved.acked());
        assertThat(ledger.firstAckOn("backup", producerMovedAt)).isPresent();
        assertThat(ledger.firstProcessedOn("backup", groupMovedAt)).isPresent();

        group.repoint(endpoint(primary), Map.of());
        group.awaitCaughtUp(CATCH_UP);
        assertThat(check(ledger, "payments", primary, backup).consumerDuplicates())
                .as("back at its committed offsets: nothing re-read").isZero();
        assertThat(group.committedOffsets().get("primary").values().stream().mapToLong(Long::longValue).sum())
                .isEqualTo(onPrimary);

        group.repoint(endpoint(backup), beginning("payments", 3));
        drainAndClose(group);
        CheckReport reRead = check(ledger, "payments", primary, backup);
        assertThat(reRead.consumerDuplicates()).as("told to start over on the backup").isEqualTo(onBackup);
        assertThat(reRead.groups().get(0).redundantByCluster()).isEqualTo(Map.of("backup", onBackup));
        assertThat(reRead.lost().count()).isZero();
        assertThat(reRead.skipped()).isZero();
    }

    @Test
    void transactionalSendsAreAckedWhenTheirTransactionCommits() throws Exception {
        createTopic(primary, "ledger-entries", 3, 1, Map.of());
        Ledger ledger = Ledger.create();
        TrafficConsumerGroup group = TrafficConsumerGroup.start(ConsumerGroupSettings.of("accounting", "ledger-entries"),
                ledger, endpoint(primary), Map.of());
        TrafficProducer producer = TrafficProducer.start(ProducerSettings.of("entries-producer", "ledger-entries")
                .withRate(300).withTransactions(Duration.ofMillis(200)), ledger, endpoint(primary));
        runUntilAcked(producer, 600);
        drainAndClose(group);

        CheckReport report = check(ledger, "ledger-entries", primary);

        assertThat(report.anomalies()).isEmpty();
        assertThat(report.acked()).as("the open transaction is committed on close").isEqualTo(report.sent());
        assertThat(report.groups().get(0).processed()).isEqualTo(report.acked());
    }

    @Test
    void sendsTheClusterRejectsOutrightAreFailedAndNeverStored() throws Exception {
        createTopic(primary, "oversized", 1, 1, Map.of());
        Ledger ledger = Ledger.create();
        TrafficProducer producer = TrafficProducer.start(ProducerSettings.of("oversized-producer", "oversized")
                .withRate(100).withRecordSize(2_048)
                .withClientProperties(Map.of("max.request.size", "1024")), ledger, endpoint(primary));
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> producer.stats().failed() >= 50);
        } finally {
            producer.close();
        }

        CheckReport report = check(ledger, "oversized", primary);

        assertThat(report.failed()).isEqualTo(report.sent());
        assertThat(report.storedRecords()).isZero();
        assertThat(report.failedPresent()).isZero();
        assertThat(report.clean()).isTrue();
        assertThat(producer.stats().lastError()).contains("RecordTooLargeException");
    }
}
