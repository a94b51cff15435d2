package io.firedrill.bench;

import io.firedrill.replication.ReplicationEndpoint;
import io.firedrill.replication.MirrorMaker;
import io.firedrill.replication.ReplicationFlow;
import io.firedrill.traffic.ProducerSettings;
import io.firedrill.traffic.TrafficProducer;
import io.firedrill.verify.Ledger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * MirrorMaker 2's own replication lag, the floor of any failover RPO: the time from sending a
 * probe record to the primary until it can be read on the backup, while the scenario's producer
 * writes at its steady rate. MirrorMaker 2 runs with the drill's settings, through the
 * {@code replication-link} proxies as in drills or straight to the brokers ({@code path}); probes,
 * load and the reader on the backup use the brokers' own listeners, so only the replication path
 * differs. Reported as a distribution (p50, p99).
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 1, time = 3)
@Measurement(iterations = 5, time = 3)
@State(Scope.Benchmark)
public class ReplicationLagBench {

    @Param({"replication-link", "direct"})
    public String path;

    private String topic;
    private MirrorMaker mirrorMaker;
    private ProbeTail tail;
    private TrafficProducer steadyLoad;
    private KafkaProducer<byte[], byte[]> probes;
    private long probe;

    @Setup(Level.Trial)
    public void replicatingUnderSteadyLoad() {
        topic = SharedSite.createTopic("lag-" + path, 3);
        boolean proxied = path.equals("replication-link");
        ReplicationEndpoint source = ReplicationEndpoint.of("primary", proxied ? SharedSite.replicationLink("primary") : SharedSite.primaryDirect());
        ReplicationEndpoint target = ReplicationEndpoint.of("backup", proxied ? SharedSite.replicationLink("backup") : SharedSite.backupDirect());
        mirrorMaker = MirrorMaker.start(ReplicationFlow.between(source, target).withTopics(Pattern.quote(topic)).withGroups("(?!)"));
        tail = ProbeTail.start(SharedSite.backupDirect(), topic);
        steadyLoad = TrafficProducer.start(ProducerSettings.of("steady-load", topic).withRate(BenchScenario.producerRate()),
                Ledger.create(), io.firedrill.traffic.TrafficEndpoint.of("primary", SharedSite.primaryDirect()));
        probes = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedSite.primaryDirect(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 0),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    @Benchmark
    public long probeReadableOnBackup() {
        long sent = ++probe;
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, null, new byte[8]);
        record.headers().add(ProbeTail.HEADER, ProbeTail.encode(sent));
        probes.send(record);
        tail.awaitProbe(sent, Waits.STEP);
        return sent;
    }

    @TearDown(Level.Trial)
    public void close() {
        probes.close();
        steadyLoad.close();
        tail.close();
        mirrorMaker.close();
        SharedSite.deleteTopic(topic);
    }
}
