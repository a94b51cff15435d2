package io.firedrill.bench;

import io.firedrill.traffic.TrafficEndpoint;
import io.firedrill.traffic.TrafficProducer;
import io.firedrill.verify.Ledger;
import org.apache.kafka.tools.ProducerPerformance;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Firedrill's traffic producer (every send in the ledger) against Kafka's own
 * {@link ProducerPerformance}, unthrottled on the same shared broker: {@value #RECORDS} records of
 * 256 bytes, acks=all, idempotent, each from a new producer to its close, in records/s. The ratio
 * says what the ledger's accounting costs a drill's load.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 1, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Benchmark)
public class ProducerBaselineBench {

    static final int RECORDS = 200_000;
    private static final Pattern TOTAL = Pattern.compile("(\\d+) records sent, [\\d.]+ records/sec");

    private String topic;
    private Ledger ledger;
    private int producers;

    @Setup(Level.Trial)
    public void topic() {
        topic = SharedSite.createTopic("baseline", 3);
        ledger = Ledger.create();
    }

    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public TrafficProducer.Stats firedrillTrafficProducer() {
        return BulkLoad.send("baseline-" + ++producers, topic, RECORDS, ledger,
                TrafficEndpoint.of("primary", SharedSite.primaryDirect()));
    }

    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public long kafkaProducerPerformance() throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            ProducerPerformance.main(new String[] {"--topic", topic, "--num-records", Integer.toString(RECORDS),
                    "--record-size", Integer.toString(BulkLoad.RECORD_SIZE), "--throughput", "-1", "--producer-props",
                    "bootstrap.servers=" + SharedSite.primaryDirect(), "acks=all", "enable.idempotence=true"});
        } finally {
            System.setOut(original);
        }
        Matcher total = TOTAL.matcher(captured.toString(StandardCharsets.UTF_8));
        long sent = -1;
        while (total.find()) {
            sent = Long.parseLong(total.group(1));
        }
        if (sent != RECORDS) {
            throw new IllegalStateException("ProducerPerformance did not report " + RECORDS + " records sent: " + captured);
        }
        return sent;
    }

    @TearDown(Level.Trial)
    public void close() {
        SharedSite.deleteTopic(topic);
    }
}
