package io.firedrill.bench;

import io.firedrill.cluster.ClusterSpec;
import io.firedrill.cluster.KafkaCluster;
import io.firedrill.cluster.process.ProcessClusterBackend;
import io.firedrill.drill.ClassDataArchiveTool;
import io.firedrill.kafka.KafkaDistribution;
import io.firedrill.kafka.KafkaVersion;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Boot of a 1-node cluster per Kafka version against the harness's own (the last version given),
 * after each version's first use (resolution and class-data-sharing archive, done first and not
 * timed). Boots of one version back to back drift with a shared machine's load, which once made
 * 3.6.2 look 60 % slower than 4.3.1; here every round boots each version once, in turn, and the
 * figures are the medians of the per-round ratios to the reference: wall time from the start of
 * the cluster (storage formatted) to serving, and the CPU time the node's JVMs used until then,
 * which a neighbour's load moves far less.
 *
 * <p>Run: {@code mvn -B -Pbench -DskipTests verify -Dbench.main=io.firedrill.bench.KafkaBootReport
 * [-Dboot.versions=3.6.2,3.9.1,4.3.1] [-Dboot.rounds=9]} (writes reports/bench/kafka-boot.json).
 */
public final class KafkaBootReport {

    /** Linux's USER_HZ: /proc counts CPU time in 10 ms ticks. */
    private static final long MS_PER_TICK = 10;

    private KafkaBootReport() {
    }

    public static void main(String[] args) throws Exception {
        Path output = ToxiproxyOverheadReport.resultFile(args, "kafka-boot.json");
        List<KafkaVersion> versions = Arrays.stream(System.getProperty("boot.versions", "3.6.2,3.7.2,3.9.1,4.1.1,4.3.1").split(","))
                .map(KafkaVersion::parse).toList();
        int rounds = Integer.getInteger("boot.rounds", 9);
        for (KafkaVersion version : versions) {
            KafkaDistribution.of(version);
            ClassDataArchiveTool.ensure(version, System.out);
        }
        double[][] wallMs = new double[versions.size()][rounds];
        double[][] cpuMs = new double[versions.size()][rounds];
        for (int round = 0; round < rounds; round++) {
            for (int v = 0; v < versions.size(); v++) {
                long reapedBefore = reapedChildrenTicks();
                long started = System.nanoTime();
                KafkaCluster cluster = new ProcessClusterBackend().start(ClusterSpec.of("boot", 1).withKafka(versions.get(v)));
                try {
                    wallMs[v][round] = (System.nanoTime() - started) / 1e6;
                    // JVMs that already ended (a formatter) count through this process's reaped children
                    long live = ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                            .mapToLong(process -> cpuTicks(Path.of("/proc", Long.toString(process.pid()), "stat"), 0)).sum();
                    cpuMs[v][round] = (reapedChildrenTicks() - reapedBefore + live) * MS_PER_TICK;
                } finally {
                    cluster.close();
                }
            }
        }
        int reference = versions.size() - 1;
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("rounds", rounds);
        report.put("reference", versions.get(reference).toString());
        Map<String, Object> perVersion = new LinkedHashMap<>();
        for (int v = 0; v < versions.size(); v++) {
            double[] wallRatios = new double[rounds];
            double[] cpuRatios = new double[rounds];
            for (int round = 0; round < rounds; round++) {
                wallRatios[round] = wallMs[v][round] / wallMs[reference][round];
                cpuRatios[round] = cpuMs[v][round] / cpuMs[reference][round];
            }
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("bootMsMedian", Math.round(ToxiproxyOverheadReport.median(wallMs[v])));
            figures.put("cpuMsMedian", Math.round(ToxiproxyOverheadReport.median(cpuMs[v])));
            figures.put("bootRatio", ToxiproxyOverheadReport.round3(ToxiproxyOverheadReport.median(wallRatios)));
            figures.put("bootRatioMin", ToxiproxyOverheadReport.round3(Arrays.stream(wallRatios).min().orElseThrow()));
            figures.put("bootRatioMax", ToxiproxyOverheadReport.round3(Arrays.stream(wallRatios).max().orElseThrow()));
            figures.put("cpuRatio", ToxiproxyOverheadReport.round3(ToxiproxyOverheadReport.median(cpuRatios)));
            perVersion.put(versions.get(v).toString(), figures);
            System.out.printf("Kafka %s: boot median %.0f ms, CPU %.0f ms; to %s, per-round median: boot %.2f (%.2f - %.2f), CPU %.2f%n",
                    versions.get(v), ToxiproxyOverheadReport.median(wallMs[v]), ToxiproxyOverheadReport.median(cpuMs[v]),
                    versions.get(reference), ToxiproxyOverheadReport.median(wallRatios), Arrays.stream(wallRatios).min().orElseThrow(),
                    Arrays.stream(wallRatios).max().orElseThrow(), ToxiproxyOverheadReport.median(cpuRatios));
        }
        report.put("versions", perVersion);
        ToxiproxyOverheadReport.write(report, output);
    }

    private static long reapedChildrenTicks() {
        return cpuTicks(Path.of("/proc/self/stat"), 2);
    }

    /**
     * utime + stime of a /proc stat file, or with {@code offset} 2 cutime + cstime (children waited
     * for); 0 for a process that is gone. Fields counted after the parenthesised command name.
     */
    private static long cpuTicks(Path stat, int offset) {
        try {
            String text = Files.readString(stat);
            String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
            // fields[0] is the state, field 3 of proc(5); utime is field 14
            return Long.parseLong(fields[11 + offset]) + Long.parseLong(fields[12 + offset]);
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
    }
}
