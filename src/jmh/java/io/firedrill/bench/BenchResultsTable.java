package io.firedrill.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The performance table built from JMH JSON result files: one row per benchmark (with its
 * parameters) and per secondary figure, the median of its samples, JMH's 99.9 % confidence
 * interval, the min–max of the samples, and what the figure means for a DR plan; then the paired
 * ratios, each between two figures of the same run. Medians are computed here from the raw samples
 * (JMH reports means), because a recovery time's typical value on a noisy machine is its median.
 *
 * <p>Run alone over a folder of result files: {@code BenchResultsTable <dir>} writes
 * {@code <dir>/results.md}.
 */
public final class BenchResultsTable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern JMH_PERCENTILE = Pattern.compile("p\\d\\.\\d+");

    /** The samples of one figure: one value per iteration, or a histogram for SampleTime. */
    record Figure(String key, String benchmark, String unit, String mode, double[] sorted, long[] counts,
                  double scoreError, double p99) {

        /** The middle sample (weighted by count for SampleTime), the mean of the two middle ones for an even count. */
        double median() {
            long total = samples();
            return (valueAtRank((total - 1) / 2) + valueAtRank(total / 2)) / 2;
        }

        double min() {
            return sorted[0];
        }

        double max() {
            return sorted[sorted.length - 1];
        }

        boolean sampled() {
            return mode.equals("sample");
        }

        /**
         * The low end of the figure's spread: the smallest sample, or for SampleTime (thousands of
         * samples, whose extremes are single GC pauses) the 25th percentile.
         */
        double low() {
            return sampled() ? quantile(0.25) : min();
        }

        /** The high end of the spread: the largest sample, or for SampleTime the 75th percentile. */
        double high() {
            return sampled() ? quantile(0.75) : max();
        }

        /** The sample at this quantile, nearest rank. */
        double quantile(double q) {
            return valueAtRank(Math.max(0, (long) Math.ceil(q * samples()) - 1));
        }

        long samples() {
            return Arrays.stream(counts).sum();
        }

        private double valueAtRank(long rank) {
            long seen = 0;
            for (int i = 0; i < sorted.length; i++) {
                seen += counts[i];
                if (rank < seen) {
                    return sorted[i];
                }
            }
            throw new IllegalStateException("rank " + rank + " beyond " + seen + " samples");
        }
    }

    /** Two figures of the same run whose ratio tells more than either alone. */
    record Pairing(String label, String numerator, String denominator, String meaning) {}

    /** A computed ratio of medians; the range pairs the ends of the spreads (numerator low / denominator high and back). */
    record Ratio(Pairing pairing, double median, double low, double high) {}

    /** How the run was made, for the table's heading. */
    record RunInfo(String configuration, String include, Duration wall, List<String> failedGroups) {}

    static final List<Pairing> PAIRINGS = List.of(
            new Pairing("Firedrill traffic producer ÷ Kafka ProducerPerformance (records/s)",
                    "ProducerBaselineBench.firedrillTrafficProducer", "ProducerBaselineBench.kafkaProducerPerformance",
                    "the load a drill can generate next to Kafka's own tool: the ledger's accounting costs 1 − ratio"),
            new Pairing("Kafka producer throughput, proxied ÷ direct",
                    "ProducerPathBench.throughput[path=proxied]", "ProducerPathBench.throughput[path=direct]",
                    "what the fault proxies cost healthy traffic: below 1 means drill throughput understates production"),
            new Pairing("Kafka send→ack latency, proxied ÷ direct",
                    "ProducerPathBench.acknowledged[path=proxied]", "ProducerPathBench.acknowledged[path=direct]",
                    "latency the proxies add to every acknowledged write in a drill"),
            new Pairing("Loopback throughput, proxied ÷ direct",
                    "EmbeddedToxiproxyBenchmark.throughput[path=proxied]", "EmbeddedToxiproxyBenchmark.throughput[path=direct]",
                    "the embedded proxy's ceiling relative to a bare socket"),
            new Pairing("Loopback round trip, proxied ÷ direct",
                    "EmbeddedToxiproxyBenchmark.roundTrip[path=proxied]", "EmbeddedToxiproxyBenchmark.roundTrip[path=direct]",
                    "the embedded proxy's added round-trip latency"),
            new Pairing("MirrorMaker 2 lag via replication-link proxies ÷ direct",
                    "ReplicationLagBench.probeReadableOnBackup[path=replication-link]",
                    "ReplicationLagBench.probeReadableOnBackup[path=direct]",
                    "how much of the measured replication lag is the drill's proxies rather than MirrorMaker 2"),
            new Pairing("Failover RPO (ms of acked writes lost) ÷ MirrorMaker 2 lag floor (ms)",
                    "FailoverBench.primaryLostToConsumingOnBackup:rpoMs",
                    "ReplicationLagBench.probeReadableOnBackup[path=replication-link]",
                    "≤ 1: the failover lost no more than replication was behind anyway; > 1: the failover path itself loses data"));

    /** What each figure means for a DR plan, by benchmark (class.method) or benchmark:secondary figure. */
    static final Map<String, String> MEANINGS = Map.ofEntries(
            Map.entry("ClusterBootBench.bootToFirstAckedRecord",
                    "Fresh cluster to its first acks=all write: the floor of an RTO that rebuilds a cluster instead of failing over to a running one"),
            Map.entry("DetectionBench.primaryKilledToDeclaredLost",
                    "Primary killed → declared lost with the scenario's detection window: the first slice of every automated RTO; a shorter window buys RTO with false alarms"),
            Map.entry("DetectionBench.primaryKilledToDeclaredLost:firstFailedProbeMs",
                    "Start of the first unanswered probe relative to the kill (negative: a probe already in flight); the rest of detection is the window the plan chose to wait"),
            Map.entry("FailoverBench.primaryLostToConsumingOnBackup",
                    "Consumers' RTO: disaster → a group processing records on the backup, every automated step included; budget the max, not the median"),
            Map.entry("FailoverBench.primaryLostToConsumingOnBackup:detectionMs",
                    "The part of that RTO spent deciding the primary is gone"),
            Map.entry("FailoverBench.primaryLostToConsumingOnBackup:detectionToConsumingMs",
                    "The failover machinery itself: fencing MirrorMaker 2, translating offsets, moving the clients"),
            Map.entry("FailoverBench.primaryLostToConsumingOnBackup:firstAckOnBackupMs",
                    "Producers' RTO: disaster → writes acknowledged again on the backup"),
            Map.entry("FailoverBench.primaryLostToConsumingOnBackup:lostAckedRecords",
                    "RPO in records: acknowledged writes the backup never received"),
            Map.entry("FailoverBench.primaryLostToConsumingOnBackup:rpoMs",
                    "RPO in time: the span of acknowledged writes lost (0 = nothing lost)"),
            Map.entry("FailoverBench.primaryLostToConsumingOnBackup:rereadRecords",
                    "Records consumers process twice after the failover: consumers must be idempotent for at least this many"),
            Map.entry("CatchUpBench.healedToCaughtUp",
                    "After a 30 s replication-link outage, how long the backup stays behind once the link heals: a disaster then still loses the backlog"),
            Map.entry("CatchUpBench.healedToCaughtUp:backlogAtHealRecords",
                    "Records a disaster at the end of the 30 s partition would have lost (scenario producer: 500 records/s)"),
            Map.entry("CatchUpBench.healedToCaughtUp:backlogAtHealMs",
                    "The same exposure as MirrorMaker 2's lag in time: the RPO a link outage builds up"),
            Map.entry("RestoreBench.fromBackupCluster",
                    "Rebuilt primary re-seeded with 100k records by reverse MirrorMaker 2: time back to full redundancy after a failover"),
            Map.entry("RestoreBench.fromBackupStorage",
                    "The same from a backup-storage snapshot: the path when the backup cluster is gone too"),
            Map.entry("RestoreBench.fromBackupCluster:copyRecordsPerSecond",
                    "Restore speed: divide your data volume by it for the restore window"),
            Map.entry("RestoreBench.fromBackupStorage:copyRecordsPerSecond",
                    "Restore speed: divide your data volume by it for the restore window"),
            Map.entry("ProducerBaselineBench.firedrillTrafficProducer",
                    "Load a drill can drive with every record accounted for"),
            Map.entry("ProducerBaselineBench.kafkaProducerPerformance",
                    "Kafka's own tool on the same broker: the baseline"),
            Map.entry("ProducerPathBench.throughput",
                    "Plain Kafka producer throughput on the broker's listener or through the clients' proxy"),
            Map.entry("ProducerPathBench.acknowledged",
                    "One send to its ack, nothing else in flight: the write latency drills see"),
            Map.entry("ReplicationLagBench.probeReadableOnBackup",
                    "MirrorMaker 2's steady lag at the scenario's rate: the floor of the RPO of any asynchronous DR setup"),
            Map.entry("CheckerBench.check",
                    "Verdict speed over a 10M-record ledger: how large a drill can be judged in seconds"),
            Map.entry("CheckerBench.readFinalContents",
                    "Reading back what a cluster holds for the verdict"),
            Map.entry("LedgerBench.sendAndAck",
                    "Accounting cost per produced record on the traffic hot path"),
            Map.entry("LedgerBench.deliver",
                    "Accounting cost per consumed record (decode, CRC, order checks)"),
            Map.entry("EmbeddedToxiproxyBenchmark.throughput",
                    "Raw socket throughput with and without the embedded proxy"),
            Map.entry("EmbeddedToxiproxyBenchmark.roundTrip",
                    "Raw round trip with and without the embedded proxy"),
            Map.entry("EmbeddedToxiproxyBenchmark.latencyToxic",
                    "Round trip through a latency toxic: how exactly injected latency lands (compare with latencyMs)"),
            Map.entry("EmbeddedToxiproxyBenchmark.bandwidthToxic",
                    "1 MB through a bandwidth toxic: how exactly throttling lands (nominal 1,000,000 B ÷ rate)"));

    private final List<Figure> figures;

    private BenchResultsTable(List<Figure> figures) {
        this.figures = figures;
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "reports/bench");
        List<Path> files;
        try (Stream<Path> listing = Files.list(dir)) {
            files = listing.filter(path -> path.toString().endsWith(".json")).sorted().toList();
        }
        Path table = dir.resolve("results.md");
        Files.writeString(table, from(files).toMarkdown(new RunInfo("Results in " + dir + ",", ".*", null, List.of())));
        System.out.println(table);
    }

    /** Reads JMH JSON result files; files that are not JMH results (ledger-footprint.json) are skipped. */
    static BenchResultsTable from(List<Path> files) {
        List<Figure> figures = new ArrayList<>();
        for (Path file : files) {
            JsonNode root;
            try {
                root = JSON.readTree(file.toFile());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read JMH results " + file + ": " + e.getMessage(), e);
            }
            if (root == null || !root.isArray()) {
                continue;
            }
            for (JsonNode run : root) {
                figures.addAll(figuresOf(run));
            }
        }
        return new BenchResultsTable(figures);
    }

    private static List<Figure> figuresOf(JsonNode run) {
        String benchmark = shortName(run.path("benchmark").asText());
        String params = params(run.path("params"));
        String mode = run.path("mode").asText();
        List<Figure> figures = new ArrayList<>();
        figures.add(figure(benchmark + params, benchmark, mode, run.path("primaryMetric")));
        Iterator<Map.Entry<String, JsonNode>> secondaries = run.path("secondaryMetrics").fields();
        while (secondaries.hasNext()) {
            Map.Entry<String, JsonNode> secondary = secondaries.next();
            if (JMH_PERCENTILE.matcher(secondary.getKey()).matches()) {
                continue; // SampleTime's percentiles: the histogram they come from is the primary figure's samples
            }
            figures.add(figure(benchmark + params + ":" + secondary.getKey(), benchmark + ":" + secondary.getKey(), mode,
                    secondary.getValue()));
        }
        return figures;
    }

    private static Figure figure(String key, String benchmark, String mode, JsonNode metric) {
        Map<Double, Long> samples = new TreeMap<>();
        if (metric.has("rawDataHistogram")) {
            // forks → iterations → [value, count] pairs
            for (JsonNode fork : metric.get("rawDataHistogram")) {
                for (JsonNode iteration : fork) {
                    for (JsonNode bucket : iteration) {
                        samples.merge(bucket.get(0).asDouble(), bucket.get(1).asLong(), Long::sum);
                    }
                }
            }
        } else {
            // forks → one value per iteration
            for (JsonNode fork : metric.path("rawData")) {
                for (JsonNode value : fork) {
                    samples.merge(value.asDouble(), 1L, Long::sum);
                }
            }
        }
        if (samples.isEmpty()) {
            throw new IllegalArgumentException(key + " has no raw samples: write the results with JMH's JSON format (-rf json)");
        }
        double[] sorted = samples.keySet().stream().mapToDouble(Double::doubleValue).toArray();
        long[] counts = samples.values().stream().mapToLong(Long::longValue).toArray();
        double p99 = mode.equals("sample") ? metric.path("scorePercentiles").path("99.0").asDouble(Double.NaN) : Double.NaN;
        return new Figure(key, benchmark, metric.path("scoreUnit").asText(), mode, sorted, counts,
                number(metric.path("scoreError")), p99);
    }

    /** JMH writes an undefined error (fewer than two samples) as the string "NaN". */
    private static double number(JsonNode node) {
        return node.isNumber() ? node.asDouble() : Double.NaN;
    }

    private static String shortName(String benchmark) {
        String[] parts = benchmark.split("\\.");
        return parts.length < 2 ? benchmark : parts[parts.length - 2] + "." + parts[parts.length - 1];
    }

    private static String params(JsonNode params) {
        if (params.isMissingNode() || params.isEmpty()) {
            return "";
        }
        List<String> pairs = new ArrayList<>();
        params.fields().forEachRemaining(param -> pairs.add(param.getKey() + "=" + param.getValue().asText()));
        return "[" + String.join(",", pairs) + "]";
    }

    List<Figure> figures() {
        return figures;
    }

    Optional<Figure> figure(String key) {
        return figures.stream().filter(figure -> figure.key().equals(key)).findFirst();
    }

    /** The ratios whose two figures are both in these results. */
    List<Ratio> ratios() {
        List<Ratio> ratios = new ArrayList<>();
        for (Pairing pairing : PAIRINGS) {
            Optional<Figure> numerator = figure(pairing.numerator());
            Optional<Figure> denominator = figure(pairing.denominator());
            if (numerator.isPresent() && denominator.isPresent()) {
                Figure n = numerator.get();
                Figure d = denominator.get();
                ratios.add(new Ratio(pairing, n.median() / d.median(), n.low() / d.high(), n.high() / d.low()));
            }
        }
        return ratios;
    }

    String toMarkdown(RunInfo info) {
        StringBuilder md = new StringBuilder();
        md.append("# Firedrill benchmark results\n\n");
        md.append(String.format(Locale.ROOT, "%s %d cores, Java %s%s%s.%n%n",
                info.configuration(), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), info.include().equals(".*") ? "" : ", benchmarks matching `" + info.include() + "`",
                info.wall() == null ? "" : String.format(Locale.ROOT, ", suite wall time %d min %02d s",
                        info.wall().toMinutes(), info.wall().toSecondsPart())));
        md.append("Median: the middle sample (SingleShotTime: one sample per drill run; Throughput/AverageTime: one per"
                + " iteration; SampleTime: every timed operation). ±: half-width of JMH's 99.9 % confidence interval of the"
                + " mean (blank below 2 samples; with 3 samples Student's t is 31.6, so it is wide by construction)."
                + " Range: the smallest to the largest sample; for SampleTime the interquartile range p25–p75, then p99 and"
                + " the largest sample.\n\n");
        for (String failed : info.failedGroups()) {
            md.append("**Failed group:** ").append(failed.replace('\n', ' ')).append("\n\n");
        }
        md.append("| Benchmark | Median | ± (99.9 % CI) | Range | Unit | Samples | What it means for a DR plan |\n");
        md.append("|---|---:|---:|---|---|---:|---|\n");
        for (Figure figure : figures) {
            String range = format(figure.low()) + " – " + format(figure.high())
                    + (figure.sampled() ? "; p99 " + format(figure.p99()) + "; max " + format(figure.max()) : "");
            md.append("| ").append(figure.key().replace(":", " · ")).append(" | ").append(format(figure.median()))
                    .append(" | ").append(Double.isNaN(figure.scoreError()) ? "" : format(figure.scoreError()))
                    .append(" | ").append(range).append(" | ").append(figure.unit())
                    .append(" | ").append(figure.samples())
                    .append(" | ").append(MEANINGS.getOrDefault(figure.benchmark(), "")).append(" |\n");
        }
        List<Ratio> ratios = ratios();
        if (!ratios.isEmpty()) {
            md.append("\n## Paired ratios (both figures from this run)\n\n");
            md.append("Ratio of the two medians; the range divides the ends of the two ranges above (low ÷ high to high ÷ low).\n\n");
            md.append("| Ratio | Median ratio | Range | What it means for a DR plan |\n|---|---:|---|---|\n");
            for (Ratio ratio : ratios) {
                md.append("| ").append(ratio.pairing().label()).append(" | ").append(format(ratio.median()))
                        .append(" | ").append(format(ratio.low())).append(" – ").append(format(ratio.high()))
                        .append(" | ").append(ratio.pairing().meaning()).append(" |\n");
            }
        }
        return md.toString();
    }

    /** Three significant digits, grouping thousands; no scientific notation in a table people read. */
    static String format(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return String.valueOf(value);
        }
        double magnitude = Math.abs(value);
        if (magnitude >= 100 || magnitude == 0) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        if (magnitude >= 10) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        if (magnitude >= 1) {
            return String.format(Locale.ROOT, "%.2f", value);
        }
        return new BigDecimal(value).round(new MathContext(3)).stripTrailingZeros().toPlainString();
    }
}
