package io.firedrill.bench;

import io.firedrill.drill.DrillListener;
import io.firedrill.drill.DrillOptions;
import io.firedrill.drill.DrillResult;
import io.firedrill.drill.DrillRunner;
import io.firedrill.report.DrillReports;
import io.firedrill.scenario.Scenario;
import io.firedrill.scenario.ScenarioParser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * How Firedrill's own cost grows with load: real drills (1 + 1 brokers, MirrorMaker 2, one producer
 * and one group, 15 s of traffic, then replication caught up) at 1k, 10k and 50k records/s on 10
 * partitions and at 10k records/s on 10, 100 and 500 partitions, each run {@code -Dscaling.runs}
 * times (default 3). Per run, from the drill's own result: the median rate acknowledged, CPU in cores of
 * the harness (its parts and in all), MirrorMaker and the brokers while traffic ran, the harness's
 * peak heap, verify and report time, and replication lag p50 / p99 from the half-second samples.
 * Writes the medians, with min–max, to {@code reports/bench/scaling.md}.
 *
 * <pre>mvn -B -Pbench -DskipTests verify -Dbench.main=io.firedrill.bench.HarnessScalingReport</pre>
 */
public final class HarnessScalingReport {

    /** One point of the curves: records/s and partitions. */
    private record Point(int rate, int partitions) {}

    /** What one run measured. */
    private record Run(double ackedPerSecond, double harnessCores, double clientCores, double proxyCores,
                       double mirrorMakerCores, double brokerCores, double heapMb, double verifyS, double reportS,
                       double lagP50Ms, double lagP99Ms) {}

    private static final List<Point> POINTS = List.of(new Point(1_000, 10), new Point(10_000, 10), new Point(50_000, 10),
            new Point(10_000, 100), new Point(10_000, 500));

    private HarnessScalingReport() {
    }

    public static void main(String[] args) throws IOException {
        int runs = Integer.getInteger("scaling.runs", 3);
        Path reports = Path.of(System.getProperty("firedrill.reports", "reports")).toAbsolutePath();
        Path work = Files.createTempDirectory("firedrill-scaling");
        DrillRunner runner = new DrillRunner(new DrillOptions(DrillOptions.DEFAULT_BACKEND, DrillOptions.DEFAULT_TOXIPROXY,
                work.resolve("reports")));
        DrillReports drillReports = new DrillReports(work.resolve("reports"));
        StringBuilder table = new StringBuilder("| records/s | partitions | acked/s | harness cores (clients, proxies) |"
                + " MirrorMaker cores | broker cores | harness heap MB | verify s | report s | lag p50 / p99 ms |\n"
                + "|---:|---:|---:|---|---:|---:|---:|---:|---:|---|\n");
        for (Point point : POINTS) {
            Scenario scenario = scenario(point, work);
            List<Run> measured = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
                DrillResult result = runner.run(scenario, new DrillListener() {});
                long reportStart = System.nanoTime();
                drillReports.publish(result);
                double reportS = (System.nanoTime() - reportStart) / 1e9;
                measured.add(run(result, reportS));
                System.out.printf(Locale.ROOT, "%s run %d: %s %s%n", point, i + 1, result.verdict(), measured.get(i));
            }
            table.append(String.format(Locale.ROOT, "| %,d | %d | %s | %s (%s, %s) | %s | %s | %s | %s | %s | %s / %s |%n",
                    point.rate(), point.partitions(), median(measured, Run::ackedPerSecond, "%,.0f"),
                    median(measured, Run::harnessCores, "%.2f"), median(measured, Run::clientCores, "%.2f"),
                    median(measured, Run::proxyCores, "%.2f"), median(measured, Run::mirrorMakerCores, "%.2f"),
                    median(measured, Run::brokerCores, "%.2f"), median(measured, Run::heapMb, "%.0f"),
                    median(measured, Run::verifyS, "%.2f"), median(measured, Run::reportS, "%.2f"),
                    median(measured, Run::lagP50Ms, "%.0f"), median(measured, Run::lagP99Ms, "%.0f")));
        }
        Path out = reports.resolve("bench").resolve("scaling.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, "Medians (min–max) of " + runs + " drills per row, " + Runtime.getRuntime().availableProcessors()
                + " cores, Java " + System.getProperty("java.version") + ".\n\n" + table);
        System.out.println(table);
        System.out.println("written to " + out);
    }

    private static Scenario scenario(Point point, Path work) {
        String yaml = String.format(Locale.ROOT, """
                name: scaling-%d-%d
                description: harness cost at %d records/s over %d partitions
                clusters: { primary: { brokers: 1 }, backup: { brokers: 1 } }
                topics: [ { name: orders, partitions: %d } ]
                replication: { engine: mirrormaker2 }
                traffic:
                  - producer: { topic: orders, rate: %d }
                  - consumer: { group: billing, topic: orders }
                steps:
                  - await: { condition: replication-healthy, timeout: 60s }
                  - run: 15s
                  - await: { condition: replication-caught-up, timeout: 120s }
                """, point.rate(), point.partitions(), point.rate(), point.partitions(), point.partitions(), point.rate());
        Path file = work.resolve("scaling-" + point.rate() + "-" + point.partitions() + ".yaml");
        try {
            Files.writeString(file, yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ScenarioParser.load(file);
    }

    private static Run run(DrillResult result, double reportS) {
        List<DrillResult.ProcessCpu> cpu = result.cpu();
        double harness = cores(cpu, "harness");
        double[] lags = result.series().samples().stream().map(DrillResult.Sample::replicationLagMs)
                .filter(lag -> lag != null).mapToDouble(Long::doubleValue).sorted().toArray();
        long heap = ManagementFactory.getMemoryPoolMXBeans().stream().filter(pool -> pool.getType() == MemoryType.HEAP)
                .mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
        // acknowledged rate while producers ran (the half-second samples with traffic), not over the awaits
        double[] rates = result.series().samples().stream().mapToDouble(DrillResult.Sample::producedPerSec)
                .filter(rate -> rate > 0).sorted().toArray();
        return new Run(percentile(rates, 0.50), harness,
                cores(cpu, "harness: traffic"), cores(cpu, "harness: proxies"), cores(cpu, "mirrormaker"),
                cores(cpu, "primary/") + cores(cpu, "backup/"), heap / 1e6,
                result.phases().verifyMs() == null ? 0 : result.phases().verifyMs() / 1000.0, reportS,
                percentile(lags, 0.50), percentile(lags, 0.99));
    }

    private static double cores(List<DrillResult.ProcessCpu> cpu, String prefix) {
        return cpu.stream().filter(c -> c.process().startsWith(prefix)).mapToDouble(DrillResult.ProcessCpu::cores).sum();
    }

    private static double percentile(double[] sorted, double p) {
        return sorted.length == 0 ? Double.NaN : sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
    }

    private static String median(List<Run> runs, ToDoubleFunction<Run> figure, String format) {
        double[] values = runs.stream().mapToDouble(figure).sorted().toArray();
        double median = values.length % 2 == 1 ? values[values.length / 2]
                : (values[values.length / 2 - 1] + values[values.length / 2]) / 2;
        return String.format(Locale.ROOT, format + " (" + format + "–" + format + ")", median, values[0], values[values.length - 1]);
    }
}
