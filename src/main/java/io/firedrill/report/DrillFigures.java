package io.firedrill.report;

import io.firedrill.drill.DrillResult;
import io.firedrill.drill.DrillResult.ExpectationFailure;
import io.firedrill.drill.DrillResult.RecordFigures;
import io.firedrill.drill.DrillResult.RestoreFigures;
import io.firedrill.drill.DrillResult.RpoFigures;
import io.firedrill.drill.DrillResult.RtoFigures;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The drill's figures set against the bounds of its {@code expect:} block, in the order a reader
 * asks about them: was data lost, how long were we down, what did consumers see, did the restore
 * finish. Whether a bound broke is the checker's word ({@link DrillResult#failures()}), never
 * recomputed here.
 */
public final class DrillFigures {

    /** How a figure stands against its bound. */
    public enum Standing {
        /** Measured and within its bound. */
        HELD,
        /** The checker reported the bound broken. */
        BROKEN,
        /** Measured, no bound set: information only. */
        NO_BOUND,
        /** The drill did not measure it (no disaster, no restore, or it could not run). */
        NOT_MEASURED
    }

    /**
     * One figure: {@code expectation} is the {@code expect:} key it is judged by (null when none
     * applies), {@code value} and {@code bound} are display text.
     */
    public record Figure(String group, String label, String expectation, String value, String bound,
                         Standing standing, String explanation) {}

    private DrillFigures() {
    }

    public static List<Figure> of(DrillResult result) {
        Map<String, String> expect = result.expect() == null ? Map.of() : result.expect();
        List<ExpectationFailure> failures = result.failures() == null ? List.of() : result.failures();
        Optional<RecordFigures> records = Optional.ofNullable(result.records());
        Optional<RpoFigures> rpo = Optional.ofNullable(result.rpo());
        Optional<RtoFigures> rto = Optional.ofNullable(result.rto());
        Optional<RestoreFigures> restore = Optional.ofNullable(result.restore());
        Rows rows = new Rows(expect, failures);

        rows.add("Data loss (RPO)", "Lost acknowledged records", "lost-acked-records",
                ReportFormat.count(records.map(RecordFigures::lostAcked).orElse(null)), "≤ ",
                "acknowledged records missing where the clients ended up");
        rows.add("Data loss (RPO)", "RPO time span", "rpo",
                ReportFormat.duration(rpo.map(RpoFigures::ms).orElse(null)), "≤ ",
                "span of send time the lost records cover");
        rows.add("Recovery (RTO)", "RTO: groups processing again", "rto",
                ReportFormat.duration(rto.map(RtoFigures::firstConsumeMs).orElse(null)), "≤ ",
                "disaster → first record consumed on the new cluster");
        rows.add("Recovery (RTO)", "Detection", null,
                ReportFormat.duration(rto.map(RtoFigures::detectionMs).orElse(null)), null,
                "disaster → disaster detected");
        rows.add("Recovery (RTO)", "Failover", null,
                ReportFormat.duration(rto.map(RtoFigures::failoverMs).orElse(null)), null,
                "disaster → clients moved to the new cluster");
        rows.add("Recovery (RTO)", "First produce", null,
                ReportFormat.duration(rto.map(RtoFigures::firstProduceMs).orElse(null)), null,
                "disaster → first record acknowledged on the new cluster");
        rows.add("Consumers", "Duplicates", "consumer-duplicates",
                ReportFormat.count(records.map(RecordFigures::consumerDuplicates).orElse(null)), "≤ ",
                "records a group processed more than once");
        rows.add("Consumers", "Duplicates from one cluster", "same-cluster-duplicates",
                ReportFormat.count(records.map(RecordFigures::sameClusterDuplicates).orElse(null)), "≤ ",
                "records a group processed twice from the same cluster: both copies of a re-copy (not a failover's re-read)");
        rows.add("Consumers", "Skipped", "skipped-records",
                ReportFormat.count(records.map(RecordFigures::skipped).orElse(null)), "≤ ",
                "surviving acknowledged records a group never processed");
        rows.add("Consumers", "Reordered", "order",
                ReportFormat.count(records.map(RecordFigures::reordered).orElse(null)), "",
                "records processed out of per-key order");
        rows.add("Consumers", "Corrupted", null,
                ReportFormat.count(records.map(RecordFigures::corrupted).orElse(null)), null,
                "records whose checksum did not match");
        // transactions exist only in drills with a transactional producer; re-copies only when something was stored twice
        if (records.map(RecordFigures::abortedReads).isPresent()) {
            rows.add("Transactions", "Aborted reads", "aborted-reads",
                    ReportFormat.count(records.get().abortedReads()), "≤ ",
                    "records of aborted transactions a read_committed group processed");
            rows.add("Transactions", "Split transactions", "split-transactions",
                    ReportFormat.count(records.get().splitTransactions()), "≤ ",
                    "committed transactions only partly present where the clients ended up");
        }
        if (records.map(RecordFigures::storageDuplicates).filter(stored -> stored > 0).isPresent()) {
            rows.add("Replication", "Stored twice", null, ReportFormat.count(records.get().storageDuplicates()), null,
                    "records stored more than once where the clients ended up (an at-least-once MirrorMaker's re-copies)");
        }
        rows.add("Restore", "Restored records", "restored-records",
                ReportFormat.count(restore.map(RestoreFigures::records).orElse(null)), "",
                "acknowledged records back on the restored cluster" + restore.map(RestoreFigures::complete)
                        .map(complete -> complete ? " (complete)" : " (INCOMPLETE)").orElse(""));
        rows.add("Restore", "Restore time", null,
                ReportFormat.duration(restore.map(RestoreFigures::ms).orElse(null)), null,
                restore.map(RestoreFigures::from).map(from -> "rebuilt from " + from).orElse("rebuild until caught up"));
        return rows.figures;
    }

    /** The headline figure by label, for callers that show one figure (Allure parameters, trends). */
    public static Figure named(List<Figure> figures, String label) {
        return figures.stream().filter(f -> f.label().equals(label)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no figure named " + label));
    }

    private static final class Rows {
        private final Map<String, String> expect;
        private final List<ExpectationFailure> failures;
        private final List<Figure> figures = new ArrayList<>();

        Rows(Map<String, String> expect, List<ExpectationFailure> failures) {
            this.expect = expect;
            this.failures = failures;
        }

        void add(String group, String label, String expectation, String value, String boundPrefix,
                 String explanation) {
            Optional<ExpectationFailure> failure = expectation == null ? Optional.empty()
                    : failures.stream().filter(f -> expectation.equals(f.expectation())).findFirst();
            String written = expectation == null ? null
                    : failure.map(ExpectationFailure::bound).orElseGet(() -> expect.get(expectation));
            String bound = written == null ? null : boundText(expectation, boundPrefix, written);
            Standing standing = failure.isPresent() ? Standing.BROKEN
                    : ReportFormat.NOT_MEASURED.equals(value) ? Standing.NOT_MEASURED
                    : bound == null ? Standing.NO_BOUND
                    : Standing.HELD;
            figures.add(new Figure(group, label, expectation, value, bound, standing, explanation));
        }

        private static String boundText(String expectation, String prefix, String written) {
            return switch (expectation) {
                case "order" -> "none".equals(written) ? "not checked" : written + " order";
                case "restored-records" -> written + " records";
                default -> prefix + written;
            };
        }
    }

    /** Display text of a figure's bound: {@code "≤ 30s"}, or {@code "no bound"}. */
    public static String boundOf(Figure figure) {
        return Optional.ofNullable(figure.bound()).orElse("no bound");
    }
}
