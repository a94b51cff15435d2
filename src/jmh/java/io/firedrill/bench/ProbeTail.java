package io.firedrill.bench;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Reads a topic's new records on a cluster as they arrive and remembers the highest probe number
 * seen, so a benchmark can time how long a probe record takes to get there.
 */
final class ProbeTail implements AutoCloseable {

    static final String HEADER = "firedrill-probe";

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final AtomicLong highest = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    private ProbeTail(KafkaConsumer<byte[], byte[]> consumer) {
        this.consumer = consumer;
        this.thread = new Thread(this::run, "probe-tail");
        this.thread.setDaemon(true);
    }

    /** Starts reading once the topic exists on the cluster, from its end. */
    static ProbeTail start(String bootstrap, String topic) {
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        Waits.until(() -> !partitions(consumer, topic).isEmpty(), topic + " on " + bootstrap);
        List<TopicPartition> partitions = partitions(consumer, topic);
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        ProbeTail tail = new ProbeTail(consumer);
        tail.thread.start();
        return tail;
    }

    /** The topic's partitions, none while the cluster does not know the topic yet. */
    private static List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> consumer, String topic) {
        try {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(1));
            return infos == null ? List.of() : infos.stream().map(info -> new TopicPartition(topic, info.partition())).toList();
        } catch (TimeoutException e) {
            return List.of();
        }
    }

    static byte[] encode(long probe) {
        return ByteBuffer.allocate(Long.BYTES).putLong(probe).array();
    }

    private void run() {
        try {
            while (running) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    Header probe = record.headers().lastHeader(HEADER);
                    if (probe != null) {
                        highest.accumulateAndGet(ByteBuffer.wrap(probe.value()).getLong(), Math::max);
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close();
        }
    }

    /** Returns once probe {@code number} (or a later one) has been read. */
    void awaitProbe(long number, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (highest.get() < number) {
            if (System.nanoTime() > deadline || !thread.isAlive()) {
                throw new IllegalStateException("probe " + number + " did not arrive within " + timeout.toSeconds() + " s");
            }
            LockSupport.parkNanos(50_000);
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
