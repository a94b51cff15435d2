package io.firedrill.bench;

import io.firedrill.cluster.ClusterSpec;
import io.firedrill.cluster.KafkaCluster;
import io.firedrill.cluster.process.ProcessClusterBackend;
import io.firedrill.drill.ClassDataArchiveTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
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

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Cluster boot as a drill sees it: from launching the broker JVMs of a fresh cluster (storage
 * formatted, KRaft combined nodes, the process backend's defaults including the class-data-sharing
 * archive) to the first record acknowledged by all in-sync replicas on a new topic. The cluster is
 * killed outside the measurement.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 1)
@Measurement(iterations = 5)
@State(Scope.Benchmark)
public class ClusterBootBench {

    @Param({"1", "3"})
    int brokers;

    private KafkaCluster cluster;

    /** Brokers boot with a class-data-sharing archive in drills; the benchmark's classpath gets its own, once. */
    @Setup(Level.Trial)
    public void archive() {
        ClassDataArchiveTool.main(new String[0]);
    }

    @Benchmark
    public long bootToFirstAckedRecord() throws Exception {
        cluster = new ProcessClusterBackend().start(ClusterSpec.of("boot", brokers));
        String bootstrap = cluster.bootstrapServers();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic("boot", 1, (short) brokers))).all().get();
        }
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap, "acks", "all"),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            return producer.send(new ProducerRecord<>("boot", new byte[100])).get().offset();
        }
    }

    @TearDown(Level.Invocation)
    public void killCluster() {
        if (cluster != null) {
            cluster.close();
            cluster = null;
        }
    }
}
