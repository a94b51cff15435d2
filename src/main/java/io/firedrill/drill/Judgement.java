package io.firedrill.drill;

import io.firedrill.drill.DrillResult.ExpectationFailure;
import io.firedrill.scenario.Durations;
import io.firedrill.scenario.Expectations;
import io.firedrill.scenario.OrderExpectation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Sets the drill's figures against the scenario's {@code expect:} bounds. Every broken bound is
 * one failure naming the figure and the bound; corrupted records fail a drill whatever its bounds,
 * because no DR plan accepts data that comes back different.
 */
final class Judgement {

    private Judgement() {}

    /**
     * An application with policy identity must pass every acknowledged input through once,
     * unchanged: lost, changed and foreign output each fail the drill, naming the application.
     * Extra copies are reported, not judged (at-least-once applications make them by design).
     */
    static List<ExpectationFailure> applications(List<DrillResult.ApplicationFigures> applications) {
        List<ExpectationFailure> failures = new ArrayList<>();
        for (DrillResult.ApplicationFigures app : applications) {
            String name = "application " + app.name();
            if (app.lost() > 0) {
                failures.add(new ExpectationFailure(name + " lost", Long.toString(app.lost()), "0", name + " lost " + app.lost()
                        + " of " + app.acked() + " acknowledged input records: they never came out on its output topic"));
            }
            if (app.changed() > 0) {
                failures.add(new ExpectationFailure(name + " changed", Long.toString(app.changed()), "0", name + " changed "
                        + app.changed() + " records; its policy is identity (records pass through unchanged)"));
            }
            if (app.foreign() > 0) {
                failures.add(new ExpectationFailure(name + " foreign", Long.toString(app.foreign()), "0", name + " wrote "
                        + app.foreign() + " output records that are not inputs of this drill"));
            }
        }
        return failures;
    }

    static List<ExpectationFailure> judge(Expectations expect, DrillResult.RecordFigures records,
                                          DrillResult.RpoFigures rpo, DrillResult.RtoFigures rto,
                                          DrillResult.RestoreFigures restore, boolean failedOver) {
        List<ExpectationFailure> failures = new ArrayList<>();
        expect.lostAckedRecords().ifPresent(bound -> atMost(failures, "lost-acked-records", records.lostAcked(), bound,
                "acknowledged records lost"));
        expect.rpo().ifPresent(bound -> {
            long ms = rpo.ms() == null ? 0 : rpo.ms();
            if (ms > bound.toMillis()) {
                failures.add(new ExpectationFailure("rpo", formatMs(ms), format(bound),
                        "RPO breached: lost acknowledged records cover " + formatMs(ms) + ", more than " + format(bound)));
            }
        });
        expect.rto().ifPresent(bound -> {
            if (!failedOver) {
                return;
            }
            if (rto.firstConsumeMs() == null) {
                failures.add(new ExpectationFailure("rto", "never", format(bound),
                        "RTO breached: consumer groups never processed a record on the new cluster (bound " + format(bound) + ")"));
            } else if (rto.firstConsumeMs() > bound.toMillis()) {
                failures.add(new ExpectationFailure("rto", formatMs(rto.firstConsumeMs()), format(bound),
                        "RTO breached: groups processed again " + formatMs(rto.firstConsumeMs())
                                + " after the disaster, more than " + format(bound)));
            }
        });
        expect.consumerDuplicates().ifPresent(bound -> atMost(failures, "consumer-duplicates", records.consumerDuplicates(),
                bound, "duplicates over budget: records processed more than once"));
        atMost(failures, "skipped-records", records.skipped(), expect.skippedRecords(),
                "acknowledged records a group never processed");
        expect.abortedReads().ifPresent(bound -> {
            if (records.abortedReads() != null) {
                atMost(failures, "aborted-reads", records.abortedReads(), bound,
                        "read_committed groups processed records of aborted transactions");
            }
        });
        expect.sameClusterDuplicates().ifPresent(bound -> {
            if (records.sameClusterDuplicates() != null) {
                atMost(failures, "same-cluster-duplicates", records.sameClusterDuplicates(), bound,
                        "records a group processed twice from one cluster (stored twice there, e.g. MirrorMaker's re-copies)");
            }
        });
        expect.splitTransactions().ifPresent(bound -> {
            if (records.splitTransactions() != null) {
                atMost(failures, "split-transactions", records.splitTransactions(), bound,
                        "committed transactions only partly present where the clients ended up");
            }
        });
        if (expect.order() == OrderExpectation.PER_KEY && records.reordered() > 0) {
            failures.add(new ExpectationFailure("order", records.reordered() + " reordered", "per-key",
                    "order broken: " + records.reordered() + " records processed after a later record of the same key"));
        }
        if (expect.allRecordsRestored() && restore != null && !Boolean.TRUE.equals(restore.complete())) {
            failures.add(new ExpectationFailure("restored-records", restore.records() == null ? "none" : restore.records() + " restored",
                    "all", "restore incomplete: the restored cluster lacks records its source held"
                            + (restore.missing() == null ? "" : " (" + restore.missing() + ")")));
        }
        if (records.corrupted() > 0) {
            failures.add(new ExpectationFailure("corrupted", Long.toString(records.corrupted()), "0",
                    "data corrupted: " + records.corrupted() + " records failed their checksum"));
        }
        return failures;
    }

    private static void atMost(List<ExpectationFailure> failures, String name, long actual, long bound, String what) {
        if (actual > bound) {
            failures.add(new ExpectationFailure(name, Long.toString(actual), Long.toString(bound),
                    name + " " + actual + " > " + bound + ": " + what));
        }
    }

    /** A duration as scenario files write it ({@code 2s}, {@code 250ms}), like the bounds in {@link ExpectBounds}. */
    static String format(Duration duration) {
        return Durations.format(duration);
    }

    static String formatMs(long ms) {
        if (ms % 1000 == 0) {
            return ms / 1000 + "s";
        }
        return ms < 1000 ? ms + "ms" : String.format(java.util.Locale.ROOT, "%.3fs", ms / 1000.0);
    }
}
