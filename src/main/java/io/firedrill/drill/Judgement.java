package io.firedrill.drill;

import io.firedrill.drill.DrillResult.ExpectationFailure;
import io.firedrill.scenario.Expectations;
import io.firedrill.scenario.OrderExpectation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sets the drill's figures against the scenario's {@code expect:} bounds. Every broken bound is
 * one failure naming the figure and the bound; corrupted records fail a drill whatever its bounds,
 * because no DR plan accepts data that comes back different.
 */
final class Judgement {

    private Judgement() {}

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
        if (expect.order() == OrderExpectation.PER_KEY && records.reordered() > 0) {
            failures.add(new ExpectationFailure("order", records.reordered() + " reordered", "per-key",
                    "order broken: " + records.reordered() + " records processed after a later record of the same key"));
        }
        if (expect.allRecordsRestored() && restore != null && !Boolean.TRUE.equals(restore.complete())) {
            failures.add(new ExpectationFailure("restored-records", restore.records() == null ? "none" : restore.records() + " restored",
                    "all", "restore incomplete: not every acknowledged record is on the restored cluster"));
        }
        if (records.corrupted() > 0) {
            failures.add(new ExpectationFailure("corrupted", Long.toString(records.corrupted()), "0",
                    "data corrupted: " + records.corrupted() + " records failed their checksum"));
        }
        return failures;
    }

    /** The bounds as written, for reports that set every figure against its bound. */
    static Map<String, String> bounds(Expectations expect) {
        Map<String, String> bounds = new LinkedHashMap<>();
        expect.lostAckedRecords().ifPresent(bound -> bounds.put("lost-acked-records", Long.toString(bound)));
        expect.rpo().ifPresent(bound -> bounds.put("rpo", format(bound)));
        expect.rto().ifPresent(bound -> bounds.put("rto", format(bound)));
        expect.consumerDuplicates().ifPresent(bound -> bounds.put("consumer-duplicates", Long.toString(bound)));
        bounds.put("skipped-records", Long.toString(expect.skippedRecords()));
        bounds.put("order", expect.order().keyword());
        if (expect.allRecordsRestored()) {
            bounds.put("restored-records", "all");
        }
        return bounds;
    }

    private static void atMost(List<ExpectationFailure> failures, String name, long actual, long bound, String what) {
        if (actual > bound) {
            failures.add(new ExpectationFailure(name, Long.toString(actual), Long.toString(bound),
                    name + " " + actual + " > " + bound + ": " + what));
        }
    }

    static String format(Duration duration) {
        return formatMs(duration.toMillis());
    }

    static String formatMs(long ms) {
        if (ms % 1000 == 0) {
            return ms / 1000 + "s";
        }
        return ms < 1000 ? ms + "ms" : String.format(java.util.Locale.ROOT, "%.3fs", ms / 1000.0);
    }
}
