package io.firedrill.verify;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static io.firedrill.verify.SyntheticDrill.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LedgerTest {

    @Test
    void tenMillionRecordsFitInTwoHundredMegabytes() {
        SyntheticDrill drill = new SyntheticDrill();
        int records = 10_000_000;
        drill.send(records, 0);
        for (int seq = 0; seq < records; seq++) {
            drill.producer.acked(seq, drill.primary, seq % 3, seq / 3, T0 + seq / 1_000);
        }
        byte[] key = drill.key(0);
        // every tenth record is enough to spread the group's and the final contents' bitsets over all 10M sequences
        for (int seq = 0; seq < records; seq += SyntheticDrill.KEYS) {
            byte[] value = drill.value(seq);
            drill.group.deliver(drill.primary, "orders", 0, seq, key, value, T0 + seq / 1_000);
            drill.stored.accept("orders", 0, seq, key, value);
        }

        long producerBytes = drill.ledger.producers().get(0).retainedBytes();
        long total = drill.ledger.retainedBytes() + drill.stored.retainedBytes();

        assertThat((double) producerBytes / records).as("producer ledger bytes per record").isBetween(15.0, 15.1);
        assertThat(total).as("ledger with one group and the final contents, bytes").isLessThan(200L * 1024 * 1024);
        CheckReport report = drill.check();
        assertThat(report.lost().count()).isEqualTo(9_000_000);
        assertThat(report.groups().get(0).processed()).isEqualTo(1_000_000);
        assertThat(report.skipped()).isZero();
    }

    @Test
    void everySendKeepsExactlyOneOutcomeUnderConcurrentCallbacks() throws Exception {
        Ledger ledger = new Ledger(1, T0);
        ClusterId primary = ledger.cluster("primary");
        ProducerLedger producer = ledger.registerProducer("p", "orders", 7);
        int records = 1_000_000;
        ExecutorService threads = Executors.newFixedThreadPool(3);
        try {
            CompletableFuture<Void> sender = CompletableFuture.runAsync(() -> {
                for (int i = 0; i < records; i++) {
                    producer.beginSend(T0 + i / 100);
                }
            }, threads);
            List<CompletableFuture<Void>> resolvers = new ArrayList<>();
            for (int parity = 0; parity < 2; parity++) {
                int mine = parity;
                resolvers.add(CompletableFuture.runAsync(() -> {
                    for (int seq = 0; seq < records; seq++) {
                        while (producer.sent() <= seq) {
                            Thread.onSpinWait();
                        }
                        if (seq % 2 == mine) {
                            producer.acked(seq, primary, 0, seq, T0);
                        } else {
                            producer.unknown(seq);
                        }
                    }
                }, threads));
            }
            sender.get();
            CompletableFuture.allOf(resolvers.toArray(CompletableFuture[]::new)).get();
        } finally {
            threads.shutdownNow();
        }

        assertThat(producer.ackedCount() + producer.unknownCount()).isEqualTo(records);
        long ackedStates = 0;
        for (int seq = 0; seq < records; seq++) {
            int state = producer.outcome(seq) & ProducerLedger.STATE_MASK;
            assertThat(state).isIn((int) ProducerLedger.ACKED, (int) ProducerLedger.UNKNOWN);
            ackedStates += state == ProducerLedger.ACKED ? 1 : 0;
        }
        assertThat(ackedStates).isEqualTo(producer.ackedCount());
        assertThat(producer.sendTimeMs(records - 1)).isEqualTo(T0 + (records - 1) / 100);
    }

    @Test
    void namesClustersProducersAndGroupsOnce() {
        Ledger ledger = new Ledger(1, T0);

        assertThat(ledger.cluster("primary")).isEqualTo(ledger.cluster("primary"));
        assertThat(ledger.cluster("backup").index()).isEqualTo(1);
        ledger.registerProducer("p", "orders", 1);
        assertThatThrownBy(() -> ledger.registerProducer("p", "orders", 1))
                .hasMessage("producer p is already registered; give each producer its own name");
        ledger.registerGroup("g", List.of("orders"));
        assertThatThrownBy(() -> ledger.registerGroup("g", List.of("orders")))
                .hasMessage("group g is already registered; give each group its own id");
        for (int i = 2; i < Ledger.MAX_CLUSTERS; i++) {
            ledger.cluster("c" + i);
        }
        assertThatThrownBy(() -> ledger.cluster("one-too-many")).hasMessageStartingWith("a ledger tracks at most 16 clusters");
    }

    @Test
    void lastAckAndCountersFollowTheOutcomes() {
        SyntheticDrill drill = new SyntheticDrill();
        assertThat(drill.producer.lastAckMs()).isEmpty();
        drill.send(3, 10);
        drill.ack(0, 2, drill.backup);
        drill.producer.failed(2);

        assertThat(drill.producer.sent()).isEqualTo(3);
        assertThat(drill.producer.ackedCount()).isEqualTo(2);
        assertThat(drill.producer.failedCount()).isEqualTo(1);
        assertThat(drill.producer.lastAckMs()).hasValue(T0 + 15);
        assertThat(drill.producer.partition(1)).isEqualTo(SyntheticDrill.partition(1));
        assertThat(drill.producer.partition(2)).as("never acked").isEqualTo(-1);
    }

    @Test
    void eachProducerKnowsItsOwnFirstAckOnEachClusterAndTheLedgerTheEarliestOfAll() {
        Ledger ledger = new Ledger(1, T0);
        ClusterId primary = ledger.cluster("primary");
        ClusterId backup = ledger.cluster("backup");
        ProducerLedger fast = ledger.registerProducer("fast", "orders", 10);
        ProducerLedger slow = ledger.registerProducer("slow", "orders", 10);
        for (int seq = 0; seq < 3; seq++) {
            fast.beginSend(T0);
            slow.beginSend(T0);
        }
        fast.acked(0, primary, 0, 0, T0 + 10);
        slow.acked(0, primary, 0, 1, T0 + 12);
        fast.acked(1, backup, 0, 0, T0 + 1_303);
        slow.acked(1, backup, 0, 1, T0 + 2_392);
        slow.acked(2, backup, 0, 2, T0 + 2_500);

        long flip = T0 + 1_000;
        assertThat(fast.firstAckOn("backup", flip)).hasValue(T0 + 1_303);
        assertThat(slow.firstAckOn("backup", flip)).hasValue(T0 + 2_392);
        assertThat(slow.firstAckOn("primary", flip)).isEmpty();
        assertThat(fast.firstAckOn("nowhere", T0)).isEmpty();
        assertThat(ledger.firstAckOn("backup", flip)).hasValue(T0 + 1_303);
        assertThat(ledger.firstAckOn("primary", T0)).hasValue(T0 + 10);
    }
}
