package io.firedrill.verify;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.firedrill.verify.SyntheticDrill.T0;
import static org.assertj.core.api.Assertions.assertThat;

class CheckerTest {

    @Test
    void cleanDrillOfOneMillionRecordsHasNoAnomaly() {
        SyntheticDrill drill = new SyntheticDrill();
        drill.sendAndAck(1_000_000, 1);
        drill.deliver(0, 1_000_000, drill.primary);
        drill.store(0, 1_000_000);

        CheckReport report = drill.check();

        assertThat(report.anomalies()).isEmpty();
        assertThat(report.clean()).isTrue();
        assertThat(List.of(report.sent(), report.acked(), report.lost().count(), report.consumerDuplicates(), report.skipped(),
                report.reordered(), report.corrupted(), report.unknownOutcome(), report.failed()))
                .containsExactly(1_000_000L, 1_000_000L, 0L, 0L, 0L, 0L, 0L, 0L, 0L);
        assertThat(report.lost().spanMs()).isZero();
        assertThat(report.storedRecords()).isEqualTo(1_000_000);
        assertThat(report.groups()).singleElement().satisfies(group -> {
            assertThat(group.processed()).isEqualTo(1_000_000);
            assertThat(group.processedByCluster()).isEqualTo(Map.of("primary", 1_000_000L));
        });
    }

    @Test
    void acknowledgedRecordsMissingFromTheFinalClusterAreLostWithTheirSpan() {
        SyntheticDrill drill = new SyntheticDrill();
        drill.sendAndAck(1_000, 10);
        drill.deliver(0, 1_000, drill.primary);
        drill.store(0, 300);
        drill.store(350, 1_000);

        CheckReport report = drill.check();

        assertThat(report.lost().count()).isEqualTo(50);
        assertThat(report.lost().firstSendMs()).isEqualTo(T0 + 3_000);
        assertThat(report.lost().lastSendMs()).isEqualTo(T0 + 3_490);
        assertThat(report.lost().spanMs()).isEqualTo(490);
        assertThat(report.lost().byAckCluster()).isEqualTo(Map.of("primary", 50L));
        assertThat(report.lost().examples()).hasSize(10).first().satisfies(first -> {
            assertThat(first.seq()).isEqualTo(300);
            assertThat(first.cluster()).isEqualTo("primary");
            assertThat(first.partition()).isEqualTo(SyntheticDrill.partition(300));
            assertThat(first.offset()).isEqualTo(100);
        });
        assertThat(report.lost().count()).isEqualTo(50);
        assertThat(report.lost().spanMs()).isEqualTo(490L);
        assertThat(report.skipped()).as("lost records are not skipped: they are not there to process").isZero();
        assertThat(report.anomalies()).singleElement().asString().startsWith("50 acknowledged records lost on backup");
    }

    @Test
    void lossesInTwoWindowsSpanFromTheFirstToTheLast() {
        SyntheticDrill drill = new SyntheticDrill();
        drill.sendAndAck(100, 100);
        drill.store(0, 10);
        drill.store(11, 90);
        drill.store(92, 100);

        CheckReport report = drill.check();

        assertThat(report.lost().count()).isEqualTo(3);
        assertThat(report.lost().spanMs()).isEqualTo(9_100 - 1_000);
        assertThat(report.lost().examples()).extracting(RecordRef::seq).containsExactly(10, 90, 91);
    }

    @Test
    void recordsProcessedTwiceAreConsumerDuplicates() {
        SyntheticDrill drill = new SyntheticDrill();
        drill.sendAndAck(1_000, 1);
        drill.deliver(0, 1_000, drill.primary);
        assertThat(drill.deliver(500, 600, drill.backup)).isEqualTo(GroupLedger.Delivery.DUPLICATE);
        drill.deliver(550, drill.backup);
        drill.store(0, 1_000);

        CheckReport report = drill.check();

        assertThat(report.consumerDuplicates()).isEqualTo(100);
        CheckReport.GroupReport group = report.groups().get(0);
        assertThat(group.redundantDeliveries()).isEqualTo(101);
        assertThat(group.redundantByCluster()).isEqualTo(Map.of("backup", 101L));
        assertThat(group.processed()).isEqualTo(1_000);
        assertThat(group.duplicateExamples()).first().extracting(RecordRef::seq, RecordRef::cluster)
                .containsExactly(500, "backup");
        assertThat(report.lost().count()).isZero();
        assertThat(report.skipped()).isZero();
        assertThat(report.consumerDuplicates()).isEqualTo(100);
    }

    @Test
    void storedAcknowledgedRecordsAGroupNeverProcessedAreSkipped() {
        SyntheticDrill drill = new SyntheticDrill();
        drill.sendAndAck(1_000, 1);
        drill.deliver(0, 200, drill.primary);
        drill.deliver(210, 1_000, drill.backup);
        drill.store(0, 1_000);

        CheckReport report = drill.check();

        assertThat(report.skipped()).isEqualTo(10);
        assertThat(report.groups().get(0).skippedExamples()).extracting(RecordRef::seq)
                .containsExactly(200, 201, 202, 203, 204, 205, 206, 207, 208, 209);
        assertThat(report.lost().count()).isZero();
        assertThat(report.consumerDuplicates()).isZero();
        assertThat(report.reordered()).as("a skipped record never arrives, so it cannot arrive late").isZero();
    }

    @Test
    void groupsAreOnlyChargedForTheTopicsTheyRead() {
        SyntheticDrill drill = new SyntheticDrill();
        GroupLedger audit = drill.ledger.registerGroup("audit", List.of("payments"));
        drill.sendAndAck(100, 1);
        drill.deliver(0, 100, drill.primary);
        drill.store(0, 100);

        CheckReport report = drill.check();

        assertThat(report.groups()).extracting(CheckReport.GroupReport::groupId, CheckReport.GroupReport::skipped)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("billing", 0L),
                        org.assertj.core.groups.Tuple.tuple(audit.groupId(), 0L));
        assertThat(report.clean()).isTrue();
    }

    @Test
    void aRecordFirstProcessedAfterALaterRecordOfItsKeyIsReordered() {
        SyntheticDrill drill = new SyntheticDrill();
        drill.sendAndAck(100, 1);
        drill.deliver(0, 25, drill.primary);
        drill.deliver(26, 36, drill.primary);
        assertThat(drill.deliver(25, drill.primary)).as("seq 25 and 35 share key 5")
                .isEqualTo(GroupLedger.Delivery.REORDERED);
        drill.deliver(36, 100, drill.primary);
        drill.deliver(35, drill.backup);
        drill.store(0, 100);

        CheckReport report = drill.check();

        assertThat(report.reordered()).isEqualTo(1);
        assertThat(report.groups().get(0).reorderExamples()).singleElement()
                .extracting(RecordRef::seq, RecordRef::keyIndex).containsExactly(25, 5);
        assertThat(report.consumerDuplicates()).as("the later re-read of 35 is a duplicate, not a reorder").isEqualTo(1);
        assertThat(report.skipped()).isZero();
    }

    @Test
    void recordsOfOtherKeysInterleavedAreNotReordered() {
        SyntheticDrill drill = new SyntheticDrill();
        drill.sendAndAck(20, 1);
        for (int key = SyntheticDrill.KEYS - 1; key >= 0; key--) {
            drill.deliver(key, drill.primary);
            drill.deliver(key + SyntheticDrill.KEYS, drill.primary);
        }
        drill.store(0, 20);

        assertThat(drill.check().reordered()).isZero();
    }

    @Test
    void corruptedPayloadsAreCountedOncePerLocation() {
        SyntheticDrill drill = new SyntheticDrill();
        drill.sendAndAck(10, 1);
        drill.store(0, 7);
        byte[] flipped = drill.value(7);
        flipped[40] ^= 0x01;
        drill.stored.accept("orders", 1, 77, drill.key(7), flipped);
        drill.stored.accept("orders", 2, 78, drill.key(8), java.util.Arrays.copyOf(drill.value(8), 20));
        drill.stored.accept("orders", 0, 79, drill.key(9), "not a drill record, long enough to pass".getBytes());
        drill.deliver(0, 7, drill.primary);
        assertThat(drill.group.deliver(drill.backup, "orders", 1, 77, drill.key(7), flipped, T0))
                .isEqualTo(GroupLedger.Delivery.CORRUPTED);
        drill.group.deliver(drill.primary, "orders", 1, 7, drill.key(7), flipped, T0);
        drill.group.deliver(drill.primary, "orders", 2, 8, drill.key(6), drill.value(7), T0);

        CheckReport report = drill.check();

        assertThat(report.corrupted()).as("3 stored (one also read at the same place) + 2 read on primary").isEqualTo(5);
        assertThat(report.corruptedExamples()).extracting(CorruptedRecord::problem).contains(
                Undecodable.Problem.BAD_CHECKSUM, Undecodable.Problem.TRUNCATED, Undecodable.Problem.UNKNOWN_MAGIC,
                Undecodable.Problem.KEY_MISMATCH);
        assertThat(report.groups().get(0).corruptedDeliveries()).isEqualTo(3);
        assertThat(report.lost().count()).as("a corrupted copy is no copy").isEqualTo(3);
        assertThat(report.corrupted()).isEqualTo(5);
    }

    @Test
    void theSameRecordStoredTwiceIsAStorageDuplicate() {
        SyntheticDrill drill = new SyntheticDrill();
        drill.sendAndAck(100, 1);
        drill.deliver(0, 100, drill.primary);
        drill.store(0, 100);
        drill.store(10, 15);
        drill.store(12);

        CheckReport report = drill.check();

        assertThat(report.storageDuplicates()).isEqualTo(5);
        assertThat(report.storageExtraCopies()).isEqualTo(6);
        assertThat(report.storageDuplicateExamples()).extracting(RecordRef::seq).containsExactly(10, 11, 12, 13, 14);
        assertThat(report.storedRecords()).isEqualTo(106);
        assertThat(report.lost().count()).isZero();
        assertThat(report.consumerDuplicates()).isZero();
    }

    @Test
    void unknownOutcomesAreNeverLostAndThoseStoredAreCounted() {
        SyntheticDrill drill = new SyntheticDrill();
        drill.sendAndAck(100, 1);
        drill.send(100, 1);
        for (int seq = 100; seq < 180; seq++) {
            drill.producer.unknown(seq);
        }
        drill.store(0, 100);
        drill.store(100, 140);
        drill.store(185, 190);
        drill.deliver(0, 100, drill.primary);

        CheckReport report = drill.check();

        assertThat(report.unknownOutcome()).as("80 timed out, 20 never resolved").isEqualTo(100);
        assertThat(report.unknownPresent()).isEqualTo(45);
        assertThat(report.lost().count()).isZero();
        assertThat(report.skipped()).as("only acknowledged records can be skipped").isZero();
        assertThat(report.clean()).isTrue();
        assertThat(report.unknownOutcome()).isEqualTo(100);
    }

    @Test
    void definiteFailuresAreNotLostButAreFlaggedWhenStoredAnyway() {
        SyntheticDrill drill = new SyntheticDrill();
        drill.send(10, 1);
        drill.ack(0, 5, drill.primary);
        for (int seq = 5; seq < 10; seq++) {
            drill.producer.failed(seq);
        }
        drill.producer.acked(6, drill.primary, 0, 0, T0);
        drill.deliver(0, 5, drill.primary);
        drill.store(0, 5);
        drill.store(9);

        CheckReport report = drill.check();

        assertThat(report.failed()).isEqualTo(5);
        assertThat(report.acked()).as("an outcome, once settled, stays").isEqualTo(5);
        assertThat(report.failedPresent()).isEqualTo(1);
        assertThat(report.lost().count()).isZero();
        assertThat(report.anomalies()).singleElement().asString().contains("failed with a definite error");
    }

    @Test
    void transactionalSendsCountAsAckedOnlyOnceCommitted() {
        SyntheticDrill drill = new SyntheticDrill();
        drill.send(30, 1);
        for (int seq = 0; seq < 30; seq++) {
            drill.producer.appended(seq, drill.primary, SyntheticDrill.partition(seq), seq);
        }
        drill.producer.committed(0, 10, drill.primary, T0 + 100);
        for (int seq = 10; seq < 20; seq++) {
            drill.producer.failed(seq);
        }
        drill.store(0, 10);

        CheckReport report = drill.check();

        assertThat(report.acked()).isEqualTo(10);
        assertThat(report.failed()).isEqualTo(10);
        assertThat(report.unknownOutcome()).as("the last transaction never finished").isEqualTo(10);
        assertThat(report.lost().count()).isZero();
        assertThat(drill.ledger.firstAckOn("primary", T0)).hasValue(T0 + 100);
    }

    @Test
    void recordsOfAnotherRunAreForeignAndUnsentOnesUnexpected() {
        SyntheticDrill drill = new SyntheticDrill();
        drill.sendAndAck(10, 1);
        drill.deliver(0, 10, drill.primary);
        drill.store(0, 10);
        RecordFormat.Encoder otherRun = new RecordFormat.Encoder(SyntheticDrill.RUN_ID + 1, 0, SyntheticDrill.KEYS, 64);
        drill.stored.accept("orders", 0, 100, otherRun.key(0), otherRun.value(0, 0, T0));
        RecordFormat.Encoder thisRun = new RecordFormat.Encoder(SyntheticDrill.RUN_ID, 0, SyntheticDrill.KEYS, 64);
        drill.stored.accept("orders", 0, 101, thisRun.key(0), thisRun.value(10, 0, T0));
        assertThat(drill.group.deliver(drill.primary, "orders", 0, 5, otherRun.key(0), otherRun.value(0, 0, T0), T0))
                .isEqualTo(GroupLedger.Delivery.FOREIGN);

        CheckReport report = drill.check();

        assertThat(report.foreignStored()).isEqualTo(1);
        assertThat(report.unexpectedStored()).isEqualTo(1);
        assertThat(report.groups().get(0).foreignDeliveries()).isEqualTo(1);
        assertThat(report.anomalies()).singleElement().asString().contains("never sent");
    }

    @Test
    void rtoInputsAreTheFirstAckAndProcessingOnAClusterAfterAGivenTime() {
        SyntheticDrill drill = new SyntheticDrill();
        drill.send(200, 10);
        drill.ack(0, 100, drill.primary);
        drill.ack(100, 200, drill.backup);
        drill.deliver(0, 100, drill.primary);
        drill.deliver(100, 200, drill.backup);
        long disaster = T0 + 990;

        assertThat(drill.ledger.firstAckOn("backup", disaster)).hasValue(T0 + 1_005);
        assertThat(drill.ledger.firstAckOn("primary", disaster)).hasValue(T0 + 995);
        assertThat(drill.ledger.firstAckOn("primary", T0 + 996)).isEmpty();
        assertThat(drill.ledger.firstProcessedOn("backup", disaster)).hasValue(T0 + 1_020);
        assertThat(drill.ledger.firstProcessedOn("backup", T0 + 1_021)).hasValue(T0 + 1_030);
        assertThat(drill.ledger.firstProcessedOn("nowhere", T0)).isEmpty();
        assertThat(drill.ledger.firstAckOn("backup", T0 + 3_600_000)).isEmpty();
    }

    /** Sends {@code [from, to)} in one transaction on the primary: appended, then committed or aborted. */
    private static void transaction(SyntheticDrill drill, int count, boolean commit) {
        int from = drill.producer.sent();
        drill.send(count, 10);
        for (int seq = from; seq < from + count; seq++) {
            drill.producer.appended(seq, drill.primary, SyntheticDrill.partition(seq), seq);
        }
        if (commit) {
            drill.producer.committed(from, from + count, drill.primary, T0 + 10L * (from + count));
        } else {
            drill.producer.aborted(from, from + count);
        }
    }

    @Test
    void recordsOfAbortedTransactionsAGroupProcessedAreAbortedReadsAndThoseStoredAreNotMisclassifiedErrors() {
        SyntheticDrill drill = new SyntheticDrill();
        transaction(drill, 10, true);   // [0, 10)
        transaction(drill, 10, false);  // [10, 20): aborted on the primary
        transaction(drill, 10, true);   // [20, 30)
        transaction(drill, 5, false);   // [30, 35): aborted, never copied
        // an at-least-once MirrorMaker read the primary read_uncommitted and copied [10, 20) as plain records;
        // after failover the read_committed group resumed on the backup at 14 and read 14..19 of them
        drill.deliver(0, 10, drill.primary);
        drill.deliver(14, 30, drill.backup);
        drill.store(0, 30);

        CheckReport report = drill.check();

        assertThat(report.abortedReads()).isEqualTo(6);
        assertThat(report.groups().get(0).abortedReads()).isEqualTo(6);
        assertThat(report.groups().get(0).abortedReadExamples()).extracting(RecordRef::seq).containsExactly(14, 15, 16, 17, 18, 19);
        assertThat(report.transactions()).isEqualTo(new CheckReport.Transactions(2, 2, 0, 10, List.of()));
        assertThat(report.failed()).isEqualTo(15);
        assertThat(report.failedPresent()).as("aborted records are counted as such, not as misclassified errors").isZero();
        assertThat(report.lost().count()).isZero();
        assertThat(report.anomalies()).containsExactly(
                "group billing processed 6 records of aborted transactions (aborted reads; it reads read_committed), e.g. "
                        + report.groups().get(0).abortedReadExamples().get(0),
                "10 records of aborted transactions are readable on backup");
    }

    @Test
    void anAbortedRecordReadAfterLaterRecordsOfItsKeyIsAnAbortedReadNotAReorder() {
        SyntheticDrill drill = new SyntheticDrill();
        transaction(drill, 10, false);  // [0, 10) aborted on the primary
        transaction(drill, 10, true);   // [10, 20)
        drill.deliver(10, 20, drill.primary);
        // the group fails over to a backup that holds the aborted records as plain ones and reads them from its start
        drill.deliver(0, 20, drill.backup);
        drill.store(0, 20);

        CheckReport report = drill.check();

        assertThat(report.abortedReads()).isEqualTo(10);
        assertThat(report.reordered()).isZero();
        assertThat(report.consumerDuplicates()).as("10..19 re-read at failover").isEqualTo(10);
        assertThat(report.sameClusterDuplicates()).isZero();
    }

    @Test
    void aGroupThatNeverSawAnAbortedRecordHasNoAbortedRead() {
        SyntheticDrill drill = new SyntheticDrill();
        transaction(drill, 10, false);
        transaction(drill, 10, true);
        drill.deliver(10, 20, drill.primary);
        drill.store(10, 20);

        CheckReport report = drill.check();

        assertThat(report.abortedReads()).isZero();
        assertThat(report.transactions()).isEqualTo(new CheckReport.Transactions(1, 1, 0, 0, List.of()));
        assertThat(report.clean()).isTrue();
    }

    @Test
    void aCommittedTransactionOnlyPartlyOnTheFinalClusterIsSplitAndOneWhollyMissingIsOnlyLost() {
        SyntheticDrill drill = new SyntheticDrill();
        transaction(drill, 10, true);   // [0, 10): whole on the backup
        transaction(drill, 10, true);   // [10, 20): 3 of 10 on the backup when the primary died
        transaction(drill, 10, true);   // [20, 30): none copied
        transaction(drill, 4, true);    // [30, 34): 3 of 4
        drill.store(0, 13);
        drill.store(31, 34);
        drill.deliver(0, 13, drill.backup);
        drill.deliver(31, 34, drill.backup);

        CheckReport report = drill.check();

        assertThat(report.transactions().split()).isEqualTo(2);
        assertThat(report.transactions().committed()).isEqualTo(4);
        assertThat(report.transactions().splitExamples()).containsExactly(
                new CheckReport.SplitTransaction("orders-producer", 10, 20, 3),
                new CheckReport.SplitTransaction("orders-producer", 30, 34, 3));
        assertThat(report.lost().count()).as("7 + 10 + 1 acknowledged records").isEqualTo(18);
        assertThat(report.anomalies()).contains("2 of 4 committed transactions only partly stored on backup, e.g."
                + " orders-producer [10, 20): 3 of 10 records stored");
        assertThat(report.abortedReads()).isZero();
    }

    @Test
    void recordsAnAtLeastOnceMirrorMakerCopiedTwiceAreStorageDuplicatesAndConsumerDuplicatesOfAGroupReadingBoth() {
        SyntheticDrill drill = new SyntheticDrill();
        drill.sendAndAck(100, 10);
        drill.deliver(0, 46, drill.primary);
        // MirrorMaker SIGKILLed after copying 0..59 but committing its source offsets only up to 50:
        // restarted, it copies 50..99 again, so the backup's log holds 50..59 twice
        drill.store(0, 60);
        drill.store(50, 100);
        // the group, last at 45 on the primary, fails over and resumes at the backup's first copy of 40,
        // then reads the log in order: 40..45 re-read at failover, 50..59 served twice by the backup
        drill.deliver(40, 60, drill.backup);
        drill.deliver(50, 100, drill.backup);

        CheckReport report = drill.check();

        assertThat(report.storageDuplicates()).isEqualTo(10);
        assertThat(report.consumerDuplicates()).isEqualTo(16);
        assertThat(report.sameClusterDuplicates()).as("only the re-copies, not the failover's re-read").isEqualTo(10);
        assertThat(report.groups().get(0).redundantByCluster()).isEqualTo(Map.of("backup", 16L));
        assertThat(report.lost().count()).isZero();
        assertThat(report.skipped()).isZero();
        assertThat(report.transactions().any()).isFalse();
    }
}
