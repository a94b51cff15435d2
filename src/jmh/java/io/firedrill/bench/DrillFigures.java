package io.firedrill.bench;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Figures a benchmark measures inside an invocation besides its timed score (detection inside a
 * failover, the records a disaster lost, the lag at a heal), reported by JMH as secondary results
 * of the iteration. JMH's own auxiliary counters do not work with SingleShotTime; a profiler does
 * in every mode. Enabled by {@link BenchSuite}; alone: {@code -prof io.firedrill.bench.DrillFigures}.
 * Several values of one figure in an iteration are averaged.
 */
public final class DrillFigures implements InternalProfiler {

    private record Figure(String unit, double sum, int count) {}

    private static final Map<String, Figure> PENDING = new LinkedHashMap<>();

    /** Records one value of a figure for the current iteration. */
    static void record(String figure, double value, String unit) {
        synchronized (PENDING) {
            PENDING.merge(figure, new Figure(unit, value, 1),
                    (old, added) -> new Figure(unit, old.sum() + added.sum(), old.count() + 1));
        }
    }

    @Override
    public String getDescription() {
        return "figures a Firedrill benchmark measured inside its invocations";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        synchronized (PENDING) {
            PENDING.clear();
        }
    }

    @Override
    public List<Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams, IterationResult result) {
        List<Result> results = new ArrayList<>();
        synchronized (PENDING) {
            PENDING.forEach((name, figure) ->
                    results.add(new ScalarResult(name, figure.sum() / figure.count(), figure.unit(), AggregationPolicy.AVG)));
            PENDING.clear();
        }
        return results;
    }
}
