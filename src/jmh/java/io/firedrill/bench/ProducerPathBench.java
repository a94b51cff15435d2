package io.firedrill.bench;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

/**
 * What the drill's untoxic proxy costs Kafka clients, on one shared broker: {@code throughput}
 * (records/s of 256-byte records, acks=all, idempotent, flushed every {@value #BATCH}) and
 * {@code acknowledged} (the latency of one send until its ack, nothing else in flight, no linger), with
 * {@code path} = the broker's own listener or the {@code clients->primary} proxy in front of it.
 */
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Benchmark)
public class ProducerPathBench {

    static final int BATCH = 10_000;
    /** The keys both paths send, in turn (the report of alternating rounds sends the same). */
    static final byte[][] KEYS = IntStream.range(0, 100)
            .mapToObj(key -> ("key-" + key).getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);

    @Param({"direct", "proxied"})
    public String path;

    private KafkaProducer<byte[], byte[]> producer;
    private String topic;
    private final byte[] value = new byte[BulkLoad.RECORD_SIZE];
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private int next;

    @Setup(Level.Trial)
    public void connect() {
        topic = SharedSite.createTopic("produce-" + path, 3);
        String bootstrap = path.equals("proxied") ? SharedSite.primaryProxied() : SharedSite.primaryDirect();
        producer = producer(bootstrap);
    }

    /** The producer both paths are measured with: acks=all, idempotent, no linger. */
    static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                // Kafka 4 lingers 5 ms by default: that wait would hide the proxy's cost in the latency figure;
                // the throughput figure flushes every batch, so lingering adds nothing there
                ProducerConfig.LINGER_MS_CONFIG, 0),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(BATCH)
    public void throughput() throws Exception {
        for (int i = 0; i < BATCH; i++) {
            producer.send(record(), (metadata, error) -> {
                if (error != null) {
                    failure.compareAndSet(null, error);
                }
            });
        }
        producer.flush();
        Exception error = failure.get();
        if (error != null) {
            throw error;
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public RecordMetadata acknowledged() throws ExecutionException, InterruptedException {
        return producer.send(record()).get();
    }

    private ProducerRecord<byte[], byte[]> record() {
        next = (next + 1) % KEYS.length;
        return new ProducerRecord<>(topic, KEYS[next], value);
    }

    @TearDown(Level.Trial)
    public void close() {
        producer.close();
        SharedSite.deleteTopic(topic);
    }
}
