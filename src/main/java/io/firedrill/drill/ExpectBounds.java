package io.firedrill.drill;

import io.firedrill.scenario.Durations;
import io.firedrill.scenario.Expectations;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The scenario's {@code expect:} bounds as {@link DrillResult#expect()} carries
 * them: by key, spelled the way the file spells them, defaults included (skipped records 0, order
 * per-key), so every figure of the reports stands against the bound the drill was judged by.
 */
public final class ExpectBounds {

    private ExpectBounds() {
    }

    public static Map<String, String> of(Expectations expect) {
        Map<String, String> bounds = new LinkedHashMap<>();
        expect.lostAckedRecords().ifPresent(v -> bounds.put("lost-acked-records", Long.toString(v)));
        expect.rpo().ifPresent(d -> bounds.put("rpo", Durations.format(d)));
        expect.rto().ifPresent(d -> bounds.put("rto", Durations.format(d)));
        expect.consumerDuplicates().ifPresent(v -> bounds.put("consumer-duplicates", Long.toString(v)));
        bounds.put("skipped-records", Long.toString(expect.skippedRecords()));
        expect.abortedReads().ifPresent(v -> bounds.put("aborted-reads", Long.toString(v)));
        expect.splitTransactions().ifPresent(v -> bounds.put("split-transactions", Long.toString(v)));
        expect.sameClusterDuplicates().ifPresent(v -> bounds.put("same-cluster-duplicates", Long.toString(v)));
        bounds.put("order", expect.order().keyword());
        if (expect.allRecordsRestored()) {
            bounds.put("restored-records", "all");
        }
        return bounds;
    }
}
