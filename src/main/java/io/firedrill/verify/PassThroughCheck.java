package io.firedrill.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongUnaryOperator;

/**
 * Judges one pass-through application from its {@link PassThroughLedger}: every acknowledged
 * input must come out once, unchanged. Counts lost (acknowledged, never out), duplicated (out
 * more than once: each extra copy), changed and foreign output, and the input-to-output latency
 * p50/p99 per drill phase (by send time: before, during and after the disturbance).
 */
public final class PassThroughCheck {

    /** The drill's phases, in drill milliseconds; {@code disturbedFromMs} null when nothing was disturbed. */
    public record Phases(Long disturbedFromMs, Long disturbedUntilMs) {
        String of(long atMs) {
            if (disturbedFromMs == null || atMs < disturbedFromMs) {
                return "before";
            }
            return disturbedUntilMs == null || atMs < disturbedUntilMs ? "during" : "after";
        }
    }

    /** One phase's figures; latencies null when no record of the phase came out. */
    public record PhaseFigures(String phase, long acked, long lost, long duplicated, Long p50Ms, Long p99Ms) {
    }

    public record Report(long sent, long acked, long lost, long duplicated, long changed, long foreign,
                         List<PhaseFigures> phases) {
    }

    private PassThroughCheck() {
    }

    /** {@code toDrillMs} turns the ledger's send times (epoch ms) into drill time, where the phases are. */
    public static Report check(PassThroughLedger ledger, Phases phases, LongUnaryOperator toDrillMs) {
        List<PassThroughLedger.Input> inputs = ledger.inputs();
        List<PhaseFigures> figures = new ArrayList<>();
        for (String phase : List.of("before", "during", "after")) {
            List<PassThroughLedger.Input> in = inputs.stream().filter(PassThroughLedger.Input::acked)
                    .filter(input -> phases.of(toDrillMs.applyAsLong(input.sentAtMs())).equals(phase)).toList();
            if (in.isEmpty() && !phase.equals("before")) {
                continue;
            }
            long[] latencies = in.stream().filter(input -> input.latencyMs() != null).mapToLong(PassThroughLedger.Input::latencyMs)
                    .sorted().toArray();
            figures.add(new PhaseFigures(phase, in.size(), in.stream().filter(input -> input.outputs() == 0).count(),
                    in.stream().mapToLong(input -> Math.max(0, input.outputs() - 1)).sum(),
                    percentile(latencies, 50), percentile(latencies, 99)));
        }
        long acked = inputs.stream().filter(PassThroughLedger.Input::acked).count();
        long lost = inputs.stream().filter(input -> input.acked() && input.outputs() == 0).count();
        long duplicated = inputs.stream().mapToLong(input -> Math.max(0, input.outputs() - 1)).sum();
        return new Report(inputs.size(), acked, lost, duplicated, ledger.changed(), ledger.foreign(), figures);
    }

    /** Nearest-rank percentile of sorted values; null for none. */
    static Long percentile(long[] sorted, int percent) {
        if (sorted.length == 0) {
            return null;
        }
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }
}
