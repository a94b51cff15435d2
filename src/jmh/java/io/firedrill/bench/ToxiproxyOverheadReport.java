package io.firedrill.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import eu.rekawek.toxiproxy.model.ToxicDirection;
import io.firedrill.fault.toxiproxy.EmbeddedToxiproxy;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * One quick run measuring what the embedded Toxiproxy costs and how exactly its toxics act, with
 * loopback peers on this machine: throughput direct vs proxied, added round-trip latency (p50,
 * p99), process CPU per GiB moved, throughput at an offered 100 MiB/s, latency toxic accuracy and
 * bandwidth toxic accuracy. Rounds alternate direct and proxied so a noisy neighbour slows both
 * alike; figures are medians over rounds. Prints the figures and, like JMH, writes them as JSON to
 * the file after {@code -rff}.
 *
 * <p>Run: {@code mvn -B -Pbench -DskipTests verify -Dbench.main=io.firedrill.bench.ToxiproxyOverheadReport}
 * (writes reports/bench/toxiproxy-overhead.json).
 */
public final class ToxiproxyOverheadReport {

    private static final int THROUGHPUT_ROUNDS = 5;
    private static final long THROUGHPUT_NANOS = TimeUnit.MILLISECONDS.toNanos(2_000);
    private static final int LATENCY_ROUNDS = 3;
    private static final int PINGS_PER_ROUND = 20_000;
    private static final int PING_BYTES = 64;
    private static final int OFFERED_MIB_PER_SECOND = 100;
    private static final com.sun.management.OperatingSystemMXBean PROCESS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private ToxiproxyOverheadReport() {
    }

    public static void main(String[] args) throws Exception {
        Path output = resultFile(args, "toxiproxy-overhead.json");
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("machine", Map.of("cores", Runtime.getRuntime().availableProcessors(),
                "java", System.getProperty("java.version")));
        try (LoopbackPeers peers = new LoopbackPeers();
             EmbeddedToxiproxy toxiproxy = EmbeddedToxiproxy.start(new InetSocketAddress("127.0.0.1", 0))) {
            ToxiproxyClient client = new ToxiproxyClient(toxiproxy.address().getHostString(), toxiproxy.address().getPort());
            Proxy sinkProxy = client.createProxy("sink", "127.0.0.1:0", hostPort(peers.sinkAddress()));
            Proxy echoProxy = client.createProxy("echo", "127.0.0.1:0", hostPort(peers.echoAddress()));
            InetSocketAddress proxiedSink = address(sinkProxy.getListen());
            InetSocketAddress proxiedEcho = address(echoProxy.getListen());

            // warm-up: JIT both paths before anything is counted
            transfer(peers, peers.sinkAddress(), THROUGHPUT_NANOS, 0);
            transfer(peers, proxiedSink, THROUGHPUT_NANOS, 0);
            roundTrips(peers.echoAddress(), 5_000);
            roundTrips(proxiedEcho, 5_000);

            report.put("throughput", throughputFigures(peers, proxiedSink));
            report.put("roundTrip", roundTripFigures(peers.echoAddress(), proxiedEcho));
            report.put("latencyToxic", latencyToxicFigures(client, peers));
            report.put("bandwidthToxic", bandwidthToxicFigures(client, peers));
        }
        write(report, output);
    }

    /** Where a measured report writes its JSON: the file after {@code -rff}, as JMH takes it, else {@code fallback}. */
    static Path resultFile(String[] args, String fallback) {
        List<String> arguments = Arrays.asList(args);
        int rff = arguments.indexOf("-rff");
        return Path.of(rff >= 0 ? arguments.get(rff + 1) : fallback).toAbsolutePath();
    }

    static void write(Map<String, Object> report, Path output) throws IOException {
        Files.createDirectories(output.getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(output.toFile(), report);
        System.out.println("written to " + output);
    }

    private static Map<String, Object> throughputFigures(LoopbackPeers peers, InetSocketAddress proxied) throws IOException {
        double[] direct = new double[THROUGHPUT_ROUNDS];
        double[] viaProxy = new double[THROUGHPUT_ROUNDS];
        double[] ratios = new double[THROUGHPUT_ROUNDS];
        double[] directCpu = new double[THROUGHPUT_ROUNDS];
        double[] proxiedCpu = new double[THROUGHPUT_ROUNDS];
        for (int round = 0; round < THROUGHPUT_ROUNDS; round++) {
            Transfer plain = transfer(peers, peers.sinkAddress(), THROUGHPUT_NANOS, 0);
            Transfer through = transfer(peers, proxied, THROUGHPUT_NANOS, 0);
            direct[round] = plain.mibPerSecond();
            viaProxy[round] = through.mibPerSecond();
            ratios[round] = viaProxy[round] / direct[round];
            directCpu[round] = plain.cpuMillisPerGib();
            proxiedCpu[round] = through.cpuMillisPerGib();
        }
        double[] offered = new double[THROUGHPUT_ROUNDS];
        for (int round = 0; round < THROUGHPUT_ROUNDS; round++) {
            offered[round] = transfer(peers, proxied, THROUGHPUT_NANOS, OFFERED_MIB_PER_SECOND).mibPerSecond()
                    / transfer(peers, peers.sinkAddress(), THROUGHPUT_NANOS, OFFERED_MIB_PER_SECOND).mibPerSecond();
        }
        double[] roundRatios = Arrays.stream(ratios).map(ToxiproxyOverheadReport::round3).toArray();
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("directMiBps", round1(median(direct)));
        figures.put("proxiedMiBps", round1(median(viaProxy)));
        figures.put("ratio", round3(median(ratios)));
        figures.put("roundRatios", roundRatios);
        figures.put("directCpuMsPerGiB", round1(median(directCpu)));
        figures.put("proxiedCpuMsPerGiB", round1(median(proxiedCpu)));
        figures.put("offeredMiBps", OFFERED_MIB_PER_SECOND);
        figures.put("ratioAtOfferedLoad", round3(median(offered)));
        System.out.printf("throughput, one connection flat out: direct %.0f MiB/s, proxied %.0f MiB/s, ratio %.2f (rounds %s)%n",
                median(direct), median(viaProxy), median(ratios), Arrays.toString(roundRatios));
        System.out.printf("process CPU per GiB moved: direct %.0f ms, proxied %.0f ms%n", median(directCpu), median(proxiedCpu));
        System.out.printf("throughput at an offered %d MiB/s: proxied/direct %.3f%n", OFFERED_MIB_PER_SECOND, median(offered));
        return figures;
    }

    /** What one connection moved to the sink, and the CPU this whole process spent on it. */
    private record Transfer(long bytes, long nanos, long cpuNanos) {
        double mibPerSecond() {
            return bytes / 1048576.0 / (nanos / 1e9);
        }

        double cpuMillisPerGib() {
            return cpuNanos / 1e6 / (bytes / 1073741824.0);
        }
    }

    /**
     * Pushes 256 KiB blocks at {@code target} for {@code nanos}: flat out, or paced to
     * {@code offeredMibPerSecond} when that is above 0.
     */
    private static Transfer transfer(LoopbackPeers peers, InetSocketAddress target, long nanos, int offeredMibPerSecond)
            throws IOException {
        ByteBuffer block = ByteBuffer.allocateDirect(256 * 1024);
        long blockNanos = offeredMibPerSecond > 0 ? TimeUnit.SECONDS.toNanos(1) / (offeredMibPerSecond * 4L) : 0;
        try (SocketChannel channel = LoopbackPeers.connect(target)) {
            long before = peers.sunk();
            long cpuBefore = PROCESS.getProcessCpuTime();
            long start = System.nanoTime();
            for (long next = start; System.nanoTime() - start < nanos; next += blockNanos) {
                if (blockNanos > 0) {
                    LockSupport.parkNanos(next - System.nanoTime());
                }
                block.clear();
                while (block.hasRemaining()) {
                    channel.write(block);
                }
            }
            return new Transfer(peers.sunk() - before, System.nanoTime() - start, PROCESS.getProcessCpuTime() - cpuBefore);
        }
    }

    private static Map<String, Object> roundTripFigures(InetSocketAddress direct, InetSocketAddress proxied) throws IOException {
        double[] p50Added = new double[LATENCY_ROUNDS];
        double[] p99Added = new double[LATENCY_ROUNDS];
        double[] p50Direct = new double[LATENCY_ROUNDS];
        double[] p99Direct = new double[LATENCY_ROUNDS];
        for (int round = 0; round < LATENCY_ROUNDS; round++) {
            Histogram directRoundTrips = roundTrips(direct, PINGS_PER_ROUND);
            Histogram proxiedRoundTrips = roundTrips(proxied, PINGS_PER_ROUND);
            p50Direct[round] = directRoundTrips.getValueAtPercentile(50);
            p99Direct[round] = directRoundTrips.getValueAtPercentile(99);
            p50Added[round] = proxiedRoundTrips.getValueAtPercentile(50) - p50Direct[round];
            p99Added[round] = proxiedRoundTrips.getValueAtPercentile(99) - p99Direct[round];
        }
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("pingBytes", PING_BYTES);
        figures.put("directP50Micros", round1(median(p50Direct)));
        figures.put("directP99Micros", round1(median(p99Direct)));
        figures.put("addedP50Micros", round1(median(p50Added)));
        figures.put("addedP99Micros", round1(median(p99Added)));
        System.out.printf("round trip (%d B): direct p50 %.0f us p99 %.0f us; added by the proxy p50 %.0f us, p99 %.0f us%n",
                PING_BYTES, median(p50Direct), median(p99Direct), median(p50Added), median(p99Added));
        return figures;
    }

    /** Round-trip times in microseconds of {@code count} ping-pongs on one connection. */
    private static Histogram roundTrips(InetSocketAddress target, int count) throws IOException {
        Histogram histogram = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
        ByteBuffer ping = ByteBuffer.allocateDirect(PING_BYTES);
        ByteBuffer pong = ByteBuffer.allocateDirect(PING_BYTES);
        try (SocketChannel channel = LoopbackPeers.connect(target)) {
            for (int i = 0; i < count; i++) {
                long start = System.nanoTime();
                LoopbackPeers.pingPong(channel, ping, pong);
                histogram.recordValue(Math.max(1, (System.nanoTime() - start) / 1000));
            }
        }
        return histogram;
    }

    private static List<Map<String, Object>> latencyToxicFigures(ToxiproxyClient client, LoopbackPeers peers) throws IOException {
        List<Map<String, Object>> rows = new ArrayList<>();
        double baseline = roundTrips(peers.echoAddress(), 200).getValueAtPercentile(50) / 1000.0;
        for (long latencyMs : new long[] {10, 50, 200}) {
            Proxy proxy = client.createProxy("latency-" + latencyMs, "127.0.0.1:0", hostPort(peers.echoAddress()));
            proxy.toxics().latency("latency", ToxicDirection.DOWNSTREAM, latencyMs);
            Histogram roundTrips = roundTrips(address(proxy.getListen()), latencyMs >= 200 ? 20 : 50);
            double p50 = roundTrips.getValueAtPercentile(50) / 1000.0;
            double added = p50 - baseline;
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("setMs", latencyMs);
            row.put("measuredP50Ms", round3(added));
            row.put("errorMs", round3(added - latencyMs));
            row.put("errorPercent", round1(100 * (added - latencyMs) / latencyMs));
            rows.add(row);
            System.out.printf("latency toxic %d ms: measured p50 %.3f ms (error %+.3f ms, %+.1f%%)%n",
                    latencyMs, added, added - latencyMs, 100 * (added - latencyMs) / latencyMs);
            proxy.delete();
        }
        return rows;
    }

    private static List<Map<String, Object>> bandwidthToxicFigures(ToxiproxyClient client, LoopbackPeers peers) throws IOException {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (long rateKBps : new long[] {100, 1_000, 10_000}) {
            Proxy proxy = client.createProxy("bandwidth-" + rateKBps, "127.0.0.1:0", hostPort(peers.sinkAddress()));
            proxy.toxics().bandwidth("bandwidth", ToxicDirection.UPSTREAM, rateKBps);
            double measured = steadyRate(peers, address(proxy.getListen()));
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("setKBps", rateKBps);
            row.put("measuredKBps", round1(measured));
            row.put("errorPercent", round1(100 * (measured - rateKBps) / rateKBps));
            rows.add(row);
            System.out.printf("bandwidth toxic %d KB/s: measured %.1f KB/s (%+.1f%%)%n",
                    rateKBps, measured, 100 * (measured - rateKBps) / rateKBps);
            proxy.delete();
        }
        return rows;
    }

    /** KB/s (1 KB = 1000 B, as Toxiproxy counts) reaching the sink between 1 s and 4 s of pushing. */
    private static double steadyRate(LoopbackPeers peers, InetSocketAddress target) throws IOException {
        try (SocketChannel channel = LoopbackPeers.connect(target)) {
            Thread writer = new Thread(() -> {
                ByteBuffer block = ByteBuffer.allocateDirect(16 * 1024);
                try {
                    while (true) {
                        block.clear();
                        channel.write(block);
                    }
                } catch (IOException e) {
                    // closed when the measurement ends
                }
            }, "bench-writer");
            writer.start();
            sleep(1_000);
            long before = peers.sunk();
            long start = System.nanoTime();
            sleep(3_000);
            long bytes = peers.sunk() - before;
            double seconds = (System.nanoTime() - start) / 1e9;
            channel.close();
            join(writer);
            return bytes / 1000.0 / seconds;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void join(Thread thread) {
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static double round1(double value) {
        return Math.round(value * 10) / 10.0;
    }

    static double round3(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    static String hostPort(InetSocketAddress address) {
        return address.getAddress().getHostAddress() + ":" + address.getPort();
    }

    static InetSocketAddress address(String hostPort) {
        return EmbeddedToxiproxy.parseListenAddress(hostPort);
    }
}
