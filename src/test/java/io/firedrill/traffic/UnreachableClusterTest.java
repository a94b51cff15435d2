package io.firedrill.traffic;

import io.firedrill.verify.CheckReport;
import io.firedrill.verify.Checker;
import io.firedrill.verify.Ledger;
import io.firedrill.verify.StoredRecords;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Traffic against clusters that never answer: nothing is acked, nothing is called failed, nothing leaks. */
class UnreachableClusterTest {
    private final Ledger ledger = Ledger.create();

    @AfterEach
    void noTrafficThreadOutlivesItsClose() {
        TrafficThreads.assertNoneLeft();
    }

    @Test
    void sendsThatNeverReachAClusterAreUnknownNeverFailedAndTheSequenceSurvivesARepoint() {
        ProducerSettings settings = ProducerSettings.of("lonely", "orders").withRate(50)
                .withClientProperties(Map.of("max.block.ms", "200"));
        TrafficProducer producer = TrafficProducer.start(settings, ledger, nowhere("primary"));
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> producer.stats().unknown() >= 3);
            producer.repoint(nowhere("backup"));
            long sentBefore = producer.stats().sent();
            await().atMost(Duration.ofSeconds(20)).until(() -> producer.stats().unknown() > sentBefore);
        } finally {
            producer.close();
        }

        TrafficProducer.Stats stats = producer.stats();
        assertThat(stats.cluster()).isEqualTo("backup");
        assertThat(stats.acked()).isZero();
        assertThat(stats.failed()).isZero();
        assertThat(stats.unknown()).isEqualTo(stats.sent());
        assertThat(stats.lastError()).contains("not present in metadata");
        assertThat(stats.lastAckMs()).isNull();
        CheckReport report = Checker.check(ledger, new StoredRecords(ledger, "backup"));
        assertThat(report.unknownOutcome()).isEqualTo(stats.sent());
        assertThat(report.lost().count()).isZero();
        assertThat(ledger.clusters()).extracting(c -> c.alias()).containsExactly("primary", "backup");
    }

    @Test
    void aGroupOnAClusterThatNeverAnswersNeverCatchesUpAndClosesPromptly() {
        TrafficConsumerGroup group = TrafficConsumerGroup.start(ConsumerGroupSettings.of("lonely", "orders"), ledger,
                nowhere("primary"), Map.of());
        try {
            assertThatThrownBy(() -> group.awaitCaughtUp(Duration.ofSeconds(1)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("cannot read the end offsets of [orders] on primary (127.0.0.1:");
            group.repoint(nowhere("backup"), Map.of());
            assertThat(group.stats().cluster()).isEqualTo("backup");
        } finally {
            long started = System.nanoTime();
            group.close();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        }
        assertThat(group.stats().consumed()).isZero();
        assertThat(group.stats().committedByCluster()).isEmpty();
    }

    private static TrafficEndpoint nowhere(String alias) {
        try (ServerSocket socket = new ServerSocket(0)) {
            return TrafficEndpoint.of(alias, "127.0.0.1:" + socket.getLocalPort());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
