package io.firedrill.bench;

import io.firedrill.drill.DrillSite;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Kafka producer throughput on the broker's own listener and through the drill's
 * {@code clients->primary} proxy, in alternating rounds on one broker: JMH runs one path's
 * iterations after the other's, so a neighbour's build or the broker's growing log lands on one
 * side only, and on these shared cores that moves the ratio more than the proxy does. Here each
 * round measures both paths back to back (which one goes first alternates) and the figure is the
 * median of the per-round ratios. Same producer and records as {@link ProducerPathBench}.
 *
 * <p>Run: {@code mvn -B -Pbench -DskipTests verify -Dbench.main=io.firedrill.bench.KafkaProxyOverheadReport}
 * (writes reports/bench/kafka-proxy-overhead.json).
 */
public final class KafkaProxyOverheadReport {

    private static final int WARM_UP_ROUNDS = 2;
    private static final int ROUNDS = 9;
    private static final long ROUND_NANOS = TimeUnit.SECONDS.toNanos(2);

    private KafkaProxyOverheadReport() {
    }

    public static void main(String[] args) throws Exception {
        Path output = ToxiproxyOverheadReport.resultFile(args, "kafka-proxy-overhead.json");
        Map<String, Object> report = new LinkedHashMap<>();
        try (DrillSite site = DrillSite.start(BenchScenario.get(), BenchScenario.options())) {
            Map<String, String> endpoints = site.endpoints();
            String direct = endpoints.get("primary.direct.bootstrap.servers");
            String proxied = endpoints.get("primary.bootstrap.servers");
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, direct))) {
                admin.createTopics(List.of(new NewTopic("produce-direct", 3, (short) 1), new NewTopic("produce-proxied", 3, (short) 1)))
                        .all().get(60, TimeUnit.SECONDS);
            }
            try (KafkaProducer<byte[], byte[]> viaListener = ProducerPathBench.producer(direct);
                 KafkaProducer<byte[], byte[]> viaProxy = ProducerPathBench.producer(proxied)) {
                for (int round = 0; round < WARM_UP_ROUNDS; round++) {
                    recordsPerSecond(viaListener, "produce-direct");
                    recordsPerSecond(viaProxy, "produce-proxied");
                }
                double[] directRates = new double[ROUNDS];
                double[] proxiedRates = new double[ROUNDS];
                double[] ratios = new double[ROUNDS];
                for (int round = 0; round < ROUNDS; round++) {
                    if (round % 2 == 0) {
                        directRates[round] = recordsPerSecond(viaListener, "produce-direct");
                        proxiedRates[round] = recordsPerSecond(viaProxy, "produce-proxied");
                    } else {
                        proxiedRates[round] = recordsPerSecond(viaProxy, "produce-proxied");
                        directRates[round] = recordsPerSecond(viaListener, "produce-direct");
                    }
                    ratios[round] = proxiedRates[round] / directRates[round];
                }
                double[] sorted = ratios.clone();
                Arrays.sort(sorted);
                double[] roundRatios = Arrays.stream(ratios).map(ToxiproxyOverheadReport::round3).toArray();
                report.put("rounds", ROUNDS);
                report.put("directRecordsPerSecond", Math.round(ToxiproxyOverheadReport.median(directRates)));
                report.put("proxiedRecordsPerSecond", Math.round(ToxiproxyOverheadReport.median(proxiedRates)));
                report.put("ratio", ToxiproxyOverheadReport.round3(ToxiproxyOverheadReport.median(ratios)));
                report.put("ratioMin", ToxiproxyOverheadReport.round3(sorted[0]));
                report.put("ratioMax", ToxiproxyOverheadReport.round3(sorted[sorted.length - 1]));
                report.put("roundRatios", roundRatios);
                System.out.printf("Kafka producer, %d alternating rounds of %d s: direct %.0f, proxied %.0f records/s;"
                                + " proxied/direct median %.3f (%.3f - %.3f), rounds %s%n",
                        ROUNDS, TimeUnit.NANOSECONDS.toSeconds(ROUND_NANOS), ToxiproxyOverheadReport.median(directRates),
                        ToxiproxyOverheadReport.median(proxiedRates), ToxiproxyOverheadReport.median(ratios),
                        sorted[0], sorted[sorted.length - 1], Arrays.toString(roundRatios));
            }
        }
        ToxiproxyOverheadReport.write(report, output);
    }

    /** Sends {@link ProducerPathBench#BATCH}-record batches, each flushed, for one round; records acked per second. */
    private static double recordsPerSecond(KafkaProducer<byte[], byte[]> producer, String topic) throws Exception {
        byte[] value = new byte[BulkLoad.RECORD_SIZE];
        AtomicReference<Exception> failure = new AtomicReference<>();
        long records = 0;
        long start = System.nanoTime();
        while (System.nanoTime() - start < ROUND_NANOS) {
            for (int i = 0; i < ProducerPathBench.BATCH; i++) {
                byte[] key = ProducerPathBench.KEYS[i % ProducerPathBench.KEYS.length];
                producer.send(new ProducerRecord<>(topic, key, value), (metadata, error) -> {
                    if (error != null) {
                        failure.compareAndSet(null, error);
                    }
                });
            }
            producer.flush();
            records += ProducerPathBench.BATCH;
            if (failure.get() != null) {
                throw failure.get();
            }
        }
        return records / ((System.nanoTime() - start) / 1e9);
    }
}
