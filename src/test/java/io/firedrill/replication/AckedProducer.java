package io.firedrill.replication;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A test producer (acks=all, idempotent) that records every acknowledged value with its ack
 * time, so a test can account for each acknowledged record on the cluster it ends up on. Values
 * are {@code <prefix>-<sequence>}, keys one of 20, each record carries a header with its sequence.
 */
final class AckedProducer implements AutoCloseable {

    /** One acknowledged record. */
    record Ack(String value, String key, String topic, int partition, long offset, long ackedAtMs) {}

    private final String name;
    private final AtomicLong sequence = new AtomicLong();
    private final List<Ack> acked = new ArrayList<>();
    private final List<Exception> failures = new ArrayList<>();
    private KafkaProducer<String, String> producer;
    private String topic;
    private Thread pacer;
    private volatile boolean running;

    AckedProducer(String name) {
        this.name = name;
    }

    /** Points the producer at a cluster and topic (failover and failback re-point it). */
    synchronized AckedProducer target(String bootstrap, String topic) {
        closeProducer();
        this.topic = topic;
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 2,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000), new StringSerializer(), new StringSerializer());
        return this;
    }

    /** Sends {@code count} records and waits for their acknowledgements. */
    void send(int count) {
        for (int i = 0; i < count; i++) {
            sendOne();
        }
        flush();
    }

    /** Sends at about {@code perSecond} records a second in the background until {@link #stop}. */
    synchronized void start(int perSecond) {
        running = true;
        pacer = new Thread(() -> {
            long intervalNanos = 1_000_000_000L / perSecond;
            long next = System.nanoTime();
            while (running) {
                next += intervalNanos;
                sendOne();
                long sleep = next - System.nanoTime();
                if (sleep > 0) {
                    java.util.concurrent.locks.LockSupport.parkNanos(sleep);
                }
            }
        }, "acked-producer-" + name);
        pacer.start();
    }

    /** Stops the background sends and waits until every send has its outcome. */
    void stop() {
        running = false;
        if (pacer != null) {
            try {
                pacer.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            pacer = null;
        }
        flush();
    }

    private void sendOne() {
        KafkaProducer<String, String> current;
        String currentTopic;
        synchronized (this) {
            current = producer;
            currentTopic = topic;
        }
        long seq = sequence.getAndIncrement();
        String value = name + "-" + seq;
        String key = "k" + (seq % 20);
        ProducerRecord<String, String> record = new ProducerRecord<>(currentTopic, key, value);
        record.headers().add("seq", Long.toString(seq).getBytes(StandardCharsets.UTF_8));
        try {
            current.send(record, (metadata, error) -> {
                synchronized (acked) {
                    if (error == null) {
                        acked.add(new Ack(value, key, metadata.topic(), metadata.partition(), metadata.offset(), System.currentTimeMillis()));
                    } else {
                        failures.add(error);
                    }
                }
            });
        } catch (RuntimeException e) {
            synchronized (acked) {
                failures.add(e);
            }
        }
    }

    private void flush() {
        KafkaProducer<String, String> current;
        synchronized (this) {
            current = producer;
        }
        if (current != null) {
            current.flush();
        }
    }

    List<Ack> acked() {
        synchronized (acked) {
            return List.copyOf(acked);
        }
    }

    int failures() {
        synchronized (acked) {
            return failures.size();
        }
    }

    long sent() {
        return sequence.get();
    }

    private void closeProducer() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(2));
            producer = null;
        }
    }

    @Override
    public synchronized void close() {
        running = false;
        closeProducer();
    }
}
