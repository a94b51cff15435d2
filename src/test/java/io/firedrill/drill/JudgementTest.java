package io.firedrill.drill;

import io.firedrill.drill.DrillResult.ExpectationFailure;
import io.firedrill.scenario.ScenarioParser;
import io.firedrill.scenario.Expectations;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Judgement on figures built by hand: every bound, including a restore that lacks records. */
class JudgementTest {

    private static Expectations expect(String block) {
        return ScenarioParser.parse("judged.yaml", """
                name: judged
                description: Figures against bounds.
                clusters:
                  primary: { brokers: 1 }
                  backup: { brokers: 1 }
                topics:
                  - name: orders
                replication:
                  engine: mirrormaker2
                traffic:
                  - producer: { topic: orders, rate: 10 }
                steps:
                  - fault: { type: cluster-outage, target: primary }
                  - await: disaster-detected
                  - failover: { to: backup }
                  - restore: { to: primary, from: backup }
                expect:
                """ + block).orThrow().expect();
    }

    private static DrillResult.RecordFigures records(long lost, long duplicates, long skipped, long reordered, long corrupted) {
        return new DrillResult.RecordFigures(1_000, 990, lost, duplicates, skipped, reordered, corrupted, 0, 0, 0L, null, null, 0L);
    }

    private static final DrillResult.RtoFigures NO_RTO = new DrillResult.RtoFigures(null, null, null, null);

    @Test
    void figuresWithinTheirBoundsBreakNothing() {
        assertThat(Judgement.judge(expect("  lost-acked-records: 10\n  rpo: 2s\n"), records(10, 0, 0, 0, 0),
                new DrillResult.RpoFigures(10, 2_000L), NO_RTO, null, false)).isEmpty();
    }

    @Test
    void everyBrokenBoundIsOneFailureNamingFigureAndBound() {
        List<ExpectationFailure> failures = Judgement.judge(
                expect("  lost-acked-records: 10\n  rpo: 1s\n  rto: 5s\n  consumer-duplicates: 0\n  order: per-key\n"),
                records(3_000, 4, 2, 1, 1), new DrillResult.RpoFigures(3_000, 10_250L),
                new DrillResult.RtoFigures(1_000L, 2_000L, 3_000L, 7_500L), null, true);
        assertThat(failures).extracting(ExpectationFailure::expectation, ExpectationFailure::actual, ExpectationFailure::bound)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("lost-acked-records", "3000", "10"),
                        org.assertj.core.groups.Tuple.tuple("rpo", "10.250s", "1s"),
                        org.assertj.core.groups.Tuple.tuple("rto", "7.500s", "5s"),
                        org.assertj.core.groups.Tuple.tuple("consumer-duplicates", "4", "0"),
                        org.assertj.core.groups.Tuple.tuple("skipped-records", "2", "0"),
                        org.assertj.core.groups.Tuple.tuple("order", "1 reordered", "per-key"),
                        org.assertj.core.groups.Tuple.tuple("corrupted", "1", "0"));
    }

    @Test
    void aRestoreThatLacksRecordsBreaksRestoredRecordsAllAndSaysWhatIsMissing() {
        DrillResult.RestoreFigures incomplete = new DrillResult.RestoreFigures(100L, 900L, false, "backup",
                "50 records missing: orders-1 holds 0 of 50");
        assertThat(Judgement.judge(expect("  restored-records: all\n"), records(0, 0, 0, 0, 0), new DrillResult.RpoFigures(0, null),
                NO_RTO, incomplete, true)).singleElement().satisfies(failure -> {
            assertThat(failure.expectation()).isEqualTo("restored-records");
            assertThat(failure.message()).contains("orders-1 holds 0 of 50");
        });
        DrillResult.RestoreFigures complete = new DrillResult.RestoreFigures(150L, 900L, true, "backup", null);
        assertThat(Judgement.judge(expect("  restored-records: all\n"), records(0, 0, 0, 0, 0), new DrillResult.RpoFigures(0, null),
                NO_RTO, complete, true)).isEmpty();
    }

    @Test
    void abortedReadsAndSplitTransactionsAreJudgedAgainstTheirBoundsWhenTransactionsRan() {
        Expectations bounds = ScenarioParser.parse("j.yaml", """
                name: j
                description: judged
                clusters:
                  primary: { brokers: 1 }
                  backup: { brokers: 1 }
                topics:
                  - name: orders
                replication:
                  engine: mirrormaker2
                traffic:
                  - producer: { topic: orders, rate: 10, transactional: true }
                steps:
                  - run: 1s
                expect:
                  aborted-reads: 0
                  split-transactions: 1
                  same-cluster-duplicates: 0
                """).orThrow().expect();
        DrillResult.RecordFigures broken = new DrillResult.RecordFigures(1_000, 990, 0, 0, 0, 0, 0, 0, 0, 0L, 12L, 2L, 3L);
        DrillResult.RecordFigures held = new DrillResult.RecordFigures(1_000, 990, 0, 0, 0, 0, 0, 0, 0, 0L, 0L, 1L, 0L);

        assertThat(Judgement.judge(bounds, broken, new DrillResult.RpoFigures(0, null), NO_RTO, null, false))
                .extracting(ExpectationFailure::expectation, ExpectationFailure::actual, ExpectationFailure::bound)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("aborted-reads", "12", "0"),
                        org.assertj.core.groups.Tuple.tuple("same-cluster-duplicates", "3", "0"),
                        org.assertj.core.groups.Tuple.tuple("split-transactions", "2", "1"));
        assertThat(Judgement.judge(bounds, held, new DrillResult.RpoFigures(0, null), NO_RTO, null, false)).isEmpty();
        assertThat(ExpectBounds.of(bounds)).containsEntry("aborted-reads", "0").containsEntry("split-transactions", "1");
    }
}
