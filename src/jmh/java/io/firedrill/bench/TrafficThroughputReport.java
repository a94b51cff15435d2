package io.firedrill.bench;

import io.firedrill.cluster.ClusterSpec;
import io.firedrill.cluster.KafkaCluster;
import io.firedrill.cluster.process.ProcessClusterBackend;
import io.firedrill.traffic.ClusterEndpoint;
import io.firedrill.traffic.ProducerSettings;
import io.firedrill.traffic.TrafficProducer;
import io.firedrill.verify.Ledger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.tools.ProducerPerformance;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.DoubleStream;

/**
 * A measured report, not a JMH benchmark (both clients must hit the same cluster in the same run):
 * on one real 1-broker cluster, the {@link TrafficProducer} unthrottled against Kafka's own
 * {@link ProducerPerformance}, same record size, acks=all and idempotence, same record count,
 * alternating who goes first, one warm-up round then {@value #ROUNDS} measured ones. Each figure
 * is records acknowledged per second from the first send to the producer closed; the ratio is
 * the median of the per-round ratios, so a noisy neighbour slowing one round slows both sides.
 *
 * <p>Run: {@code mvn -B -Pbench -DskipTests verify -Dbench.main=io.firedrill.bench.TrafficThroughputReport}
 * (writes reports/bench/traffic-vs-producer-performance.json, or the file after {@code -rff}).
 */
public final class TrafficThroughputReport {
    static final int RECORDS = Integer.getInteger("bench.records", 500_000);
    static final int RECORD_SIZE = 256;
    static final int ROUNDS = 5;
    private static final Pattern PP_TOTAL = Pattern.compile("(\\d+) records sent, ([\\d.]+) records/sec");

    private TrafficThroughputReport() {
    }

    public static void main(String[] args) throws Exception {
        List<String> arguments = Arrays.asList(args);
        int rff = arguments.indexOf("-rff");
        Path out = Path.of(rff >= 0 ? arguments.get(rff + 1) : "traffic-vs-producer-performance.json");
        try (KafkaCluster cluster = new ProcessClusterBackend().start(ClusterSpec.of("bench", 1))) {
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", cluster.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic("perf", 3, (short) 1))).all().get();
            }
            Ledger ledger = Ledger.create();
            List<double[]> rounds = new ArrayList<>();
            for (int round = 0; round <= ROUNDS; round++) {
                double firedrill;
                double producerPerformance;
                if (round % 2 == 0) {
                    firedrill = trafficProducer(ledger, cluster, round);
                    producerPerformance = producerPerformance(cluster);
                } else {
                    producerPerformance = producerPerformance(cluster);
                    firedrill = trafficProducer(ledger, cluster, round);
                }
                System.out.printf(Locale.ROOT, "round %d%s: firedrill %.0f records/s, ProducerPerformance %.0f records/s%n",
                        round, round == 0 ? " (warm-up)" : "", firedrill, producerPerformance);
                if (round > 0) {
                    rounds.add(new double[] {firedrill, producerPerformance});
                }
            }
            double firedrill = median(rounds.stream().mapToDouble(r -> r[0]));
            double producerPerformance = median(rounds.stream().mapToDouble(r -> r[1]));
            double ratio = median(rounds.stream().mapToDouble(r -> r[0] / r[1]));
            String json = String.format(Locale.ROOT,
                    "{\"records\": %d, \"recordSize\": %d, \"acks\": \"all\", \"idempotent\": true,"
                            + " \"firedrillRecordsPerSec\": %.0f, \"producerPerformanceRecordsPerSec\": %.0f,"
                            + " \"ratio\": %.3f, \"rounds\": [%s]}%n",
                    RECORDS, RECORD_SIZE, firedrill, producerPerformance, ratio,
                    rounds.stream().map(r -> String.format(Locale.ROOT, "{\"firedrill\": %.0f, \"producerPerformance\": %.0f}", r[0], r[1]))
                            .collect(Collectors.joining(", ")));
            Files.writeString(out, json);
            System.out.print(json);
        }
    }

    private static double trafficProducer(Ledger ledger, KafkaCluster cluster, int round) {
        ProducerSettings settings = ProducerSettings.of("bench-" + round, "perf").withRate(ProducerSettings.UNTHROTTLED)
                .withRecordSize(RECORD_SIZE).withCloseTimeout(Duration.ofSeconds(120));
        long start = System.nanoTime();
        TrafficProducer producer = TrafficProducer.start(settings, ledger,
                ClusterEndpoint.of("bench", cluster.bootstrapServers()));
        // unthrottled, the accumulator holds up to buffer.memory of unsent records: close waits for them
        while (producer.stats().sent() < RECORDS) {
            LockSupport.parkNanos(1_000_000);
        }
        producer.close();
        long elapsed = System.nanoTime() - start;
        TrafficProducer.Stats stats = producer.stats();
        if (stats.acked() != stats.sent()) {
            throw new IllegalStateException("not every send was acked: " + stats);
        }
        return stats.acked() * 1e9 / elapsed;
    }

    private static double producerPerformance(KafkaCluster cluster) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            ProducerPerformance.main(new String[] {"--topic", "perf", "--num-records", Integer.toString(RECORDS),
                    "--record-size", Integer.toString(RECORD_SIZE), "--throughput", "-1", "--producer-props",
                    "bootstrap.servers=" + cluster.bootstrapServers(), "acks=all", "enable.idempotence=true"});
        } finally {
            System.setOut(original);
        }
        Matcher total = null;
        for (String line : captured.toString(StandardCharsets.UTF_8).split("\n")) {
            Matcher matcher = PP_TOTAL.matcher(line);
            if (matcher.find()) {
                total = matcher;
            }
        }
        if (total == null || Long.parseLong(total.group(1)) != RECORDS) {
            throw new IllegalStateException("ProducerPerformance printed no total for " + RECORDS + " records: " + captured);
        }
        return Double.parseDouble(total.group(2));
    }

    private static double median(DoubleStream values) {
        double[] sorted = values.sorted().toArray();
        return sorted[sorted.length / 2];
    }
}
